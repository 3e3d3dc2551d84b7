from pipeline.text.lines import split_lines
from pipeline.text.normalise import fold_spaces


def test_stray_spaces_inside_tokens_are_folded():
    assert fold_spaces("“互联网 +”") == "“互联网+”"
    assert fold_spaces("力争到 2020 年") == "力争到2020年"
    assert fold_spaces("(浙政发〔2016〕24 号) (3)") == "(浙政发〔2016〕24号)(3)"
    assert fold_spaces("基于 4G + /5G 的") == "基于4G+/5G的"
    assert fold_spaces("目 录") == "目录"


def test_spaces_between_ascii_words_are_kept():
    assert fold_spaces("GAZETTE OF THE PEOPLE'S GOVERNMENT") == "GAZETTE OF THE PEOPLE'S GOVERNMENT"
    assert fold_spaces("3  5") == "3 5"


def test_raw_text_is_never_altered(raw_issue):
    line = raw_issue.lines[91]  # line 92 of the source
    assert line.number == 92
    assert "在役工业机器人超过 10 万台" in line.raw
    assert "在役工业机器人超过10万台" in line.clean


def test_split_lines_numbers_from_one_and_ignores_final_newline():
    lines = split_lines("a\n\nb\n")
    assert [(ln.number, ln.raw, ln.blank) for ln in lines] == [(1, "a", False), (2, "", True), (3, "b", False)]
