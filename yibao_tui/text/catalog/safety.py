"""The safety issue's (#22) words: a value of the wrong type in a household or a policy file,
and the number and name rules every option shares."""

STRINGS = {
    "file.type.text": ("{what}：{k} 须为文本", "{what}: {k}: must be text"),
    "file.type.text_list": ("{what}：{k} 须为文本的列表", "{what}: {k}: must be a list of text"),
    "file.type.relations": ("{what}：relations 须为“成员 id = 关系”的表",
                            "{what}: relations: must be a table of member id = relation"),
}
STRINGS |= {
    "policy.type.text": ("须为文本", "must be text"),
    "policy.type.names": ("须为名称（文本）的列表", "must be a list of names (text)"),
}
