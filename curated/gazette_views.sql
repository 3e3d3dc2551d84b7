-- Views over the published Parquet files. Generated from the schema registry; do not edit.
-- Run from the repository root:  duckdb -c ".read curated/gazette_views.sql"

CREATE OR REPLACE VIEW issues AS SELECT issue_id, title_zh, title_en, year, issue_number, cumulative_number, published_date, publisher, serial_number, website, source_path, source_sha256, line_start, line_end FROM read_parquet('curated/issues.parquet');
COMMENT ON VIEW issues IS 'Gazette issues: One row per gazette issue in raw/: its numbering and publication facts as printed in the masthead, and the raw file it was parsed from.';
COMMENT ON COLUMN issues.issue_id IS 'Stable issue identifier, zjzfgb-<year>-<issue number>.';
COMMENT ON COLUMN issues.title_zh IS 'Gazette title as printed (浙江省人民政府公报).';
COMMENT ON COLUMN issues.title_en IS 'English title as printed in the opening masthead.';
COMMENT ON COLUMN issues.year IS 'Publication year.';
COMMENT ON COLUMN issues.issue_number IS 'Issue number within the year (第N期).';
COMMENT ON COLUMN issues.cumulative_number IS 'Cumulative issue number (总第N期).';
COMMENT ON COLUMN issues.published_date IS 'Publication date (出版), from the closing masthead.';
COMMENT ON COLUMN issues.publisher IS 'Responsible and sponsoring body (主管主办单位).';
COMMENT ON COLUMN issues.serial_number IS 'China standard serial number (国内统一刊号).';
COMMENT ON COLUMN issues.website IS 'Website (网址) as printed, without angle brackets.';
COMMENT ON COLUMN issues.source_path IS 'Raw text file, relative to the repository root.';
COMMENT ON COLUMN issues.source_sha256 IS 'SHA-256 of the raw text file''s bytes.';
COMMENT ON COLUMN issues.line_start IS 'First raw line (1-based) of the closing masthead in the issue''s raw text file.';
COMMENT ON COLUMN issues.line_end IS 'Last raw line (1-based) of the closing masthead in the issue''s raw text file.';

CREATE OR REPLACE VIEW toc_entries AS SELECT issue_id, position, category, title, doc_number, page, line_start, line_end FROM read_parquet('curated/toc_entries.parquet');
COMMENT ON VIEW toc_entries IS 'Table of contents: One row per entry of an issue''s table of contents (目录), in printed order.';
COMMENT ON COLUMN toc_entries.issue_id IS 'Gazette issue the row comes from (FK to issues).';
COMMENT ON COLUMN toc_entries.position IS '1-based order of the entry in the table of contents.';
COMMENT ON COLUMN toc_entries.category IS 'Heading the entry is listed under (【…】 without brackets).';
COMMENT ON COLUMN toc_entries.title IS 'Entry title, lines rejoined, spaces folded.';
COMMENT ON COLUMN toc_entries.doc_number IS 'Document number (文号) printed with the entry.';
COMMENT ON COLUMN toc_entries.page IS 'Page number printed with the entry.';
COMMENT ON COLUMN toc_entries.line_start IS 'First raw line (1-based) of the entry in the issue''s raw text file.';
COMMENT ON COLUMN toc_entries.line_end IS 'Last raw line (1-based) of the entry in the issue''s raw text file.';

CREATE OR REPLACE VIEW documents AS SELECT document_id, issue_id, doc_number, title, plan_title, issuer, addressees, signed_date, effective_date, toc_page, line_start, line_end FROM read_parquet('curated/documents.parquet');
COMMENT ON VIEW documents IS 'Documents: One row per official document printed in an issue: its number, title, issuer, addressees and dates.';
COMMENT ON COLUMN documents.document_id IS 'Stable ASCII identifier derived from the document number, e.g. zjzf-2016-24 for 浙政发〔2016〕24号, zjzbf-2016-89 for 浙政办发〔2016〕89号.';
COMMENT ON COLUMN documents.issue_id IS 'Gazette issue the row comes from (FK to issues).';
COMMENT ON COLUMN documents.doc_number IS 'Document number (文号) exactly as in the body, spaces folded.';
COMMENT ON COLUMN documents.title IS 'Document title, spaces folded.';
COMMENT ON COLUMN documents.plan_title IS 'Title of the plan or programme the document issues (印发), null where the document issues none.';
COMMENT ON COLUMN documents.issuer IS 'Issuing body as signed (落款).';
COMMENT ON COLUMN documents.addressees IS 'Addressees (主送), without the closing colon.';
COMMENT ON COLUMN documents.signed_date IS 'Date under the signature (成文日期).';
COMMENT ON COLUMN documents.effective_date IS 'Date the text says it takes effect (自…起施行/实施), null where the text gives none.';
COMMENT ON COLUMN documents.toc_page IS 'Page given by the issue''s table of contents.';
COMMENT ON COLUMN documents.line_start IS 'First raw line (1-based) of the document (its title line) in the issue''s raw text file.';
COMMENT ON COLUMN documents.line_end IS 'Last raw line (1-based) of the document (its last line) in the issue''s raw text file.';

CREATE OR REPLACE VIEW sections AS SELECT section_id, document_id, position, part, kind, parent_id, level, marker, ordinal, heading, text, line_start, line_end FROM read_parquet('curated/sections.parquet');
COMMENT ON VIEW sections IS 'Document sections and paragraphs: Every paragraph of every document, in order, nothing dropped: title, document number, addressees, headings (一、 / (一) / 1.), numbered items, unnumbered paragraphs, signature, date, attachment list and attachment blocks. Paragraphs split by page breaks are rejoined (line_start..line_end covers all parts).';
COMMENT ON COLUMN sections.section_id IS 'Stable identifier: <document_id>-p<position, 3 digits>.';
COMMENT ON COLUMN sections.document_id IS 'Document the row belongs to (FK to documents).';
COMMENT ON COLUMN sections.position IS '1-based order of the paragraph within its document.';
COMMENT ON COLUMN sections.part IS 'Part of the document: body (the document''s own text), issued_text (the plan or programme a notice issues, 印发), attachment (附件).';
COMMENT ON COLUMN sections.kind IS 'title, doc_number, addressees, heading (numbered, no body text), item (numbered paragraph with text), paragraph (unnumbered), signature, date, attachment_list, attachment (one row per attachment block; its content is published in the attachment tables).';
COMMENT ON COLUMN sections.parent_id IS 'Enclosing heading or item (FK to sections), null at top level.';
COMMENT ON COLUMN sections.level IS 'Depth in the heading hierarchy: 1 for 一、, 2 for the next level, …; unnumbered paragraphs are one level below their parent.';
COMMENT ON COLUMN sections.marker IS 'Numbering as printed and folded (一、 / (一) / 1.), null if none.';
COMMENT ON COLUMN sections.ordinal IS 'Numeric value of the marker (三 -> 3, (十二) -> 12), null if none.';
COMMENT ON COLUMN sections.heading IS 'Lead phrase: the heading text, or an item''s text up to its first 。, null for unnumbered paragraphs.';
COMMENT ON COLUMN sections.text IS 'Whole paragraph, rejoined across page breaks, spaces folded.';
COMMENT ON COLUMN sections.line_start IS 'First raw line (1-based) of the paragraph in the issue''s raw text file.';
COMMENT ON COLUMN sections.line_end IS 'Last raw line (1-based) of the paragraph in the issue''s raw text file.';

CREATE OR REPLACE VIEW regions AS SELECT region_code, name_zh, short_name_zh, name_en, level FROM read_parquet('curated/regions.parquet');
COMMENT ON VIEW regions IS 'Regions: Zhejiang Province and its 11 prefecture-level cities, the regions of the attachment tables. Hand-curated in raw/reference/regions.csv (codes from GB/T 2260, short names as the tables print them); see raw/reference/regions.md.';
COMMENT ON COLUMN regions.region_code IS 'Six-digit administrative division code (GB/T 2260), e.g. 330100 for 杭州市.';
COMMENT ON COLUMN regions.name_zh IS 'Official name (浙江省, 杭州市), as the city table of 附件2 prints it.';
COMMENT ON COLUMN regions.short_name_zh IS 'Name as printed in the region column of the indicator tables of 附件1 (杭州); the province row prints 全省 (whole province).';
COMMENT ON COLUMN regions.name_en IS 'English name (Hangzhou; Zhejiang Province).';
COMMENT ON COLUMN regions.level IS 'Administrative level: province or prefecture-level city.';

CREATE OR REPLACE VIEW indicators AS SELECT indicator_id, document_id, table_number, name_zh, name_en, unit_zh, unit_en, measure_zh, has_growth, line FROM read_parquet('curated/indicators.parquet');
COMMENT ON VIEW indicators IS 'Science and technology indicators: The indicators of 附件1 (科技创新主要预期指标分解, planned targets for 2016-2020 broken down by region) of 浙政发〔2016〕24号: one row per measure of each of the eight tables; table 5 prints two measures (high-tech enterprises and technology-based SMEs), so there are nine indicators. Chinese labels and units are parsed from the text; the id and the English come from raw/reference/indicators.csv, which the parser checks against the printed table number and measure label.';
COMMENT ON COLUMN indicators.indicator_id IS 'Stable English slug, e.g. rd_expenditure.';
COMMENT ON COLUMN indicators.document_id IS 'Document whose attachment prints the table (FK to documents).';
COMMENT ON COLUMN indicators.table_number IS 'Number of the table in 附件1 (its title''s ordinal 一、 … 八、).';
COMMENT ON COLUMN indicators.name_zh IS 'Table title as printed, without its ordinal (研究与试验发展经费支出); the two indicators of table 5 share their table''s title.';
COMMENT ON COLUMN indicators.name_en IS 'English name (hand-curated in raw/reference/indicators.csv).';
COMMENT ON COLUMN indicators.unit_zh IS 'Unit as printed in the table''s 单位 column (亿元, 人年, 件). Table 5 has no unit column: its unit 家 (enterprises) is supplied by raw/reference/indicators.csv, from the plan text (新增高新技术企业1500家、科技型中小微企业6000家, the table''s 全省 2016 figures).';
COMMENT ON COLUMN indicators.unit_en IS 'English unit (亿元 = 100 million yuan; 人年 = person-years).';
COMMENT ON COLUMN indicators.measure_zh IS 'Column label of the values as printed in the header (金额, 人员数, 件数; in table 5 高新技术企业 or 科技型中小微企业).';
COMMENT ON COLUMN indicators.has_growth IS 'True if the table prints a growth rate (增幅 (%)) next to each value; false for table 5.';
COMMENT ON COLUMN indicators.line IS 'Raw line (1-based) of the table title in the issue''s raw text file.';

CREATE OR REPLACE VIEW indicator_values AS SELECT indicator_id, region_code, year, value, value_text, growth_pct, growth_text, line FROM read_parquet('curated/indicator_values.parquet');
COMMENT ON VIEW indicator_values IS 'Indicator values by region and year: Every cell of the indicator tables of 附件1: one planned value per indicator, region (province and 11 cities) and year 2016-2020, with the growth rate printed next to it where the table has one. 9 indicators x 12 regions x 5 years.';
COMMENT ON COLUMN indicator_values.indicator_id IS 'Indicator (FK to indicators).';
COMMENT ON COLUMN indicator_values.region_code IS 'Region (FK to regions).';
COMMENT ON COLUMN indicator_values.year IS 'Year the value is planned for.';
COMMENT ON COLUMN indicator_values.value IS 'Value in the indicator''s unit (indicators.unit_zh).';
COMMENT ON COLUMN indicator_values.value_text IS 'The cell exactly as printed: keeps the printed precision (20 vs 20.0; tables 4 and 7 mix one-decimal and integer cells).';
COMMENT ON COLUMN indicator_values.growth_pct IS 'Growth over the previous year in percent, as printed next to the value (增幅 (%)); null where the table has no growth column (table 5).';
COMMENT ON COLUMN indicator_values.growth_text IS 'The growth cell exactly as printed; null where the table has none.';
COMMENT ON COLUMN indicator_values.line IS 'Raw line (1-based) of the table row in the issue''s raw text file.';

CREATE OR REPLACE VIEW city_priorities AS SELECT region_code, document_id, priorities, line FROM read_parquet('curated/city_priorities.parquet');
COMMENT ON VIEW city_priorities IS 'City science and technology priorities: 附件2 (各市科技创新重点和重大创新平台) of 浙政发〔2016〕24号, first column: the science and technology innovation priorities (科技创新重点) set for each of the 11 prefecture-level cities.';
COMMENT ON COLUMN city_priorities.region_code IS 'City (FK to regions).';
COMMENT ON COLUMN city_priorities.document_id IS 'Document whose attachment prints the table (FK to documents).';
COMMENT ON COLUMN city_priorities.priorities IS 'The 科技创新重点 cell exactly as printed, without the HTML debris of the source (<p>) and surrounding whitespace; punctuation is not normalised (some rows use full-width ，（）, others half-width , ()).';
COMMENT ON COLUMN city_priorities.line IS 'Raw line (1-based) of the city''s table row in the issue''s raw text file.';

CREATE OR REPLACE VIEW city_platforms AS SELECT region_code, position, platform, line FROM read_parquet('curated/city_platforms.parquet');
COMMENT ON VIEW city_platforms IS 'Major innovation platforms by city: 附件2 of 浙政发〔2016〕24号, second column: the numbered list of major innovation platforms (重大创新平台) of each prefecture-level city, one row per list item.';
COMMENT ON COLUMN city_platforms.region_code IS 'City (FK to regions and city_priorities).';
COMMENT ON COLUMN city_platforms.position IS 'Item number as printed (1., 2., …), 1-based.';
COMMENT ON COLUMN city_platforms.platform IS 'Item text exactly as printed, without its number, the HTML debris of the source (<ol>, <p>) and surrounding whitespace; punctuation is not normalised.';
COMMENT ON COLUMN city_platforms.line IS 'Raw line (1-based) of the city''s table row in the issue''s raw text file.';

CREATE OR REPLACE VIEW units AS SELECT unit_id, name_zh, full_name_zh, name_en, category, aliases, source FROM read_parquet('curated/units.parquet');
COMMENT ON VIEW units IS 'Government units: Authority table of every body named in a responsibility clause (牵头单位/参与单位 or …负责) of the task lists: one row per body, whatever abbreviation the text uses. Hand-curated in raw/reference/units.csv; see raw/reference/units.md for the conventions and decisions.';
COMMENT ON COLUMN units.unit_id IS 'Stable ASCII slug <scope>-<type>-<subject>, e.g. zj-dept-science-technology; the prefix follows the category (units.md).';
COMMENT ON COLUMN units.name_zh IS 'Canonical short name as the documents write it (省科技厅).';
COMMENT ON COLUMN units.full_name_zh IS 'Official name of the body in 2016 (浙江省科学技术厅).';
COMMENT ON COLUMN units.name_en IS 'English name of the body (see units.md for how it was chosen); null where none exists (the collective).';
COMMENT ON COLUMN units.category IS 'Kind of body: provincial_department, provincial_commission, provincial_bureau, provincial_office, party_organ, mass_organisation, court, collective, central_branch, financial_institution, municipal_government.';
COMMENT ON COLUMN units.aliases IS 'Every variant written in the clauses, name_zh included, separated by |.';
COMMENT ON COLUMN units.source IS 'Where the unit is named in the issue and the reason for any curation decision.';

CREATE OR REPLACE VIEW tasks AS SELECT task_id, document_id, section_id, label, title, text, responsibility_text, convention, line_start, line_end FROM read_parquet('curated/tasks.parquet');
COMMENT ON VIEW tasks IS 'Tasks: One row per task item of a task list: 浙政发〔2016〕24号 the (一)… items of sections 二 to 六 of the action plan; 浙政发〔2016〕25号 measures 1-20; 浙政办发〔2016〕89号 and 90号 the items of 二、主要任务. Text rejoined across page breaks, with any unnumbered paragraph under the item.';
COMMENT ON COLUMN tasks.task_id IS 'Stable identifier <document_id>-t<NN>[-<NN>] from the numbering (zjzf-2016-24-t03-01 for 三(一), zjzf-2016-25-t16 for measure 16).';
COMMENT ON COLUMN tasks.document_id IS 'Document the row belongs to (FK to documents).';
COMMENT ON COLUMN tasks.section_id IS 'The numbered item the task starts with (FK to sections).';
COMMENT ON COLUMN tasks.label IS 'Numbering as printed, without punctuation: 三(一) (section and item) or 16 (measure).';
COMMENT ON COLUMN tasks.title IS 'Lead phrase: the item''s text up to its first 。, without the marker.';
COMMENT ON COLUMN tasks.text IS 'Whole item including its marker and any responsibility clause, rejoined across page breaks, spaces folded.';
COMMENT ON COLUMN tasks.responsibility_text IS 'The closing responsibility clause exactly as printed, brackets included (spaces folded); null where the item has none.';
COMMENT ON COLUMN tasks.convention IS 'How the clause assigns roles: labelled (牵头单位:…;参与单位:…) or first_listed_leads (…负责, first listed unit leads, announced by 列首位者为牵头单位); null where the item has no clause.';
COMMENT ON COLUMN tasks.line_start IS 'First raw line (1-based) of the task in the issue''s raw text file.';
COMMENT ON COLUMN tasks.line_end IS 'Last raw line (1-based) of the task (its clause, if any) in the issue''s raw text file.';

CREATE OR REPLACE VIEW task_units AS SELECT task_id, role, position, unit_id, name_as_written, list_open_ended, line FROM read_parquet('curated/task_units.parquet');
COMMENT ON VIEW task_units IS 'Task responsibilities: One row per unit named in a task''s responsibility clause, in printed order within its role.';
COMMENT ON COLUMN task_units.task_id IS 'Task (FK to tasks).';
COMMENT ON COLUMN task_units.role IS 'lead (牵头单位, or the first listed unit under first_listed_leads) or participant (参与单位, or the units listed after it).';
COMMENT ON COLUMN task_units.position IS '1-based position of the unit within its role''s list.';
COMMENT ON COLUMN task_units.unit_id IS 'The unit (FK to units), resolved from name_as_written via its aliases.';
COMMENT ON COLUMN task_units.name_as_written IS 'The unit''s name exactly as written in the clause.';
COMMENT ON COLUMN task_units.list_open_ended IS 'Whether the role''s list ends in 等 (more units than listed).';
COMMENT ON COLUMN task_units.line IS 'Raw line (1-based) of the unit''s name (its first character) in the issue''s raw text file.';
