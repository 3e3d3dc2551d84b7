"""Linking prose targets to the indicator tables of their own document, by rule.

A target restates a cell of its document's indicator tables (``indicators`` / ``indicator_values``) when

- it names the indicator: its subject, without a leading 新增 or 全省, is the indicator's name (``name_zh``),
  or that name with one character left out (技术交易额 for 技术交易总额); where several indicators of the
  document share a name (one table, two measures), the measure (``measure_zh``) names each. An indicator whose
  name starts with 新增 counts what is newly added, so only a target governed by 新增 names it: its subject
  starts with 新增, or it follows such a target in a 、-list (新增高新技术企业1500家、科技型中小微企业6000家);
- its unit converts to the indicator's (``pipeline.base.measures``: 万人年 -> 人年);
- the province (全省, 330000) row of the table has a cell for the target's year.

A target that names exactly one indicator whose unit and year agree is linked to that cell (province row). A
target that names an indicator but does not resolve (unit, year, or more than one indicator) is returned with
the reason, for an ``unlinked_target`` review note. raw/reference/target_indicator_links.csv overrides the rule
(``pipeline.parse.targets``): a target it lists is linked as it says and not read here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.base.measures import conversion_factor
from pipeline.schema.tables_attachments import PROVINCE  # the province row (全省) of the indicator tables

NEW = "新增"
_SUBJECT_PREFIXES = (NEW, "全省")


@dataclass(frozen=True)
class RuleLinks:
    """target_id -> (indicator_id, region_code) for the linked targets; target_id -> reason for the others that
    name an indicator."""

    linked: dict[str, tuple[str, str]]
    unresolved: dict[str, str]


def _core(text: str) -> str:
    for prefix in _SUBJECT_PREFIXES:
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def _same_name(subject: str, name: str) -> bool:
    """The subject is the name, or the name with one character left out."""
    if subject == name:
        return True
    if len(name) - len(subject) != 1:
        return False
    return any(name[:i] + name[i + 1:] == subject for i in range(len(name)))


def _names(indicators: Sequence[Mapping[str, Any]]) -> dict[str, list[str]]:
    """indicator_id -> the names a target may call it by (its name, or its measure where the name is shared)."""
    shared = [ind["name_zh"] for ind in indicators]
    return {ind["indicator_id"]: [_core(ind["name_zh"])] + ([ind["measure_zh"]] if shared.count(ind["name_zh"]) > 1
                                                            else []) for ind in indicators}


def _new_flags(targets: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> dict[str, bool]:
    """target_id -> whether 新增 governs the target (its subject, or a 、-list sibling before it)."""
    flags: dict[str, bool] = {}
    previous: Mapping[str, Any] | None = None
    for target in targets:
        new = target["subject"].startswith(NEW)
        if not new and previous is not None and flags[previous["target_id"]]:
            text = texts.get(target["section_id"], "")
            new = previous["section_id"] == target["section_id"] and f"{previous['quote']}、{target['quote']}" in text
        flags[target["target_id"]] = new
        previous = target
    return flags


def rule_links(targets: Sequence[Mapping[str, Any]], indicators: Sequence[Mapping[str, Any]],
               values: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> RuleLinks:
    """The links the rule makes for the ``targets`` of one document (module docstring) to its ``indicators``
    and their ``values``; ``texts`` maps section_id to the section's text (for 、-lists)."""
    names = _names(indicators)
    by_id = {ind["indicator_id"]: ind for ind in indicators}
    cells = {(v["indicator_id"], v["year"]) for v in values if v["region_code"] == PROVINCE}
    new = _new_flags(targets, texts)
    out = RuleLinks({}, {})
    for target in targets:
        subject = _core(target["subject"])
        named = [i for i, ind in by_id.items() if new[target["target_id"]] == ind["name_zh"].startswith(NEW)
                 and any(_same_name(subject, name) for name in names[i])]
        if not named:
            continue
        fits = [i for i in named if target["unit"] and conversion_factor(target["unit"], by_id[i]["unit_zh"]) is not None
                and (i, target["target_year"]) in cells]
        if len(fits) == 1:
            out.linked[target["target_id"]] = (fits[0], PROVINCE)
        else:
            out.unresolved[target["target_id"]] = _reason(target, named, fits, by_id)
    return out


def _reason(target: Mapping[str, Any], named: list[str], fits: list[str], by_id: Mapping[str, Any]) -> str:
    if len(fits) > 1:
        return f"names {len(fits)} indicators ({', '.join(fits)}): which one the target restates is not clear"
    ind = by_id[named[0]]
    return (f"names indicator {named[0]} ({ind['name_zh']}, {ind['unit_zh']}) but its unit {target['unit']} or "
            f"year {target['target_year']} has no 全省 cell in that table")
