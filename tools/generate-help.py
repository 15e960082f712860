#!/usr/bin/env python3
"""Writes en-US/TwelveFactor.dll-Help.xml (MAML) from the cmdlet sources and the help text below.

Parameter names, types, positions, pipeline input, aliases and descriptions come from the C# sources
(the `/// <summary>` above each parameter), so help cannot drift from the code when this is re-run.
Synopsis, description, notes and examples live in HELP below. ModuleHelpTests fails the build's tests
when a cmdlet lacks any of them. Run: python3 tools/generate-help.py
"""
import html
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMANDS = os.path.join(ROOT, "src", "TwelveFactor", "Commands")
sys.path.insert(0, os.path.join(ROOT, "tools"))
from help_text import HELP  # noqa: E402

COMMON = set()


def parse_file(path):
    text = open(path, encoding="utf-8").read()
    cls = re.search(r"public (?:sealed |abstract )?(?:partial )?class (\w+)\s*:\s*(\w+)", text)
    cmdlet = re.search(r"\[Cmdlet\(Verbs\w+\.(\w+),\s*\"(\w+)\"(.*?)\)\]", text, re.S)
    params = []
    # A parameter: summary, attributes (one containing Parameter), then the property.
    for m in re.finditer(
        r"/// <summary>(?P<summary>.*?)</summary>\s*(?P<attrs>(?:\[[^\]]*(?:\][^\[\n]*)?\]\s*)+)public (?P<type>[\w\[\]?.<>]+) (?P<name>\w+) \{ get; set; \}",
        text, re.S):
        attrs = m.group("attrs")
        if "[Parameter" not in attrs:
            continue
        summary = " ".join(line.strip().lstrip("/").strip() for line in m.group("summary").splitlines()).strip()
        summary = re.sub(r"<see cref=\"([^\"]+)\"\s*/>", lambda x: x.group(1).split(".")[-1], summary)
        summary = html.unescape(re.sub(r"</?c>", "", summary))
        sets = re.findall(r"\[Parameter\(([^\]]*)\)\]", attrs)
        aliases = re.findall(r"\[Alias\(([^\]]*)\)\]", attrs)
        alias_list = re.findall(r"\"(\w+)\"", aliases[0]) if aliases else []
        param = {
            "name": m.group("name"),
            "type": m.group("type").rstrip("?"),
            "summary": summary,
            "mandatory": any("Mandatory = true" in s for s in sets),
            "position": next((re.search(r"Position = (\d+)", s).group(1) for s in sets if "Position" in s), None),
            "pipeline": ("true (ByValue)" if any("ValueFromPipeline = true" in s for s in sets) else
                         "true (ByPropertyName)" if any("ValueFromPipelineByPropertyName = true" in s for s in sets) else "false"),
            "aliases": alias_list,
            "wildcards": "[SupportsWildcards]" in attrs,
        }
        params.append(param)
    return {
        "class": cls.group(1) if cls else None,
        "base": cls.group(2) if cls else None,
        "verb": cmdlet.group(1) if cmdlet else None,
        "noun": cmdlet.group(2) if cmdlet else None,
        "should_process": bool(cmdlet and "SupportsShouldProcess = true" in cmdlet.group(3)),
        "params": params,
        "output": re.findall(r"\[OutputType\(typeof\(([\w.]+)\)\)\]", text),
    }


def collect():
    files = {}
    for name in os.listdir(COMMANDS):
        if name.endswith(".cs"):
            info = parse_file(os.path.join(COMMANDS, name))
            if info["class"]:
                files[info["class"]] = info
    cmdlets = []
    for info in files.values():
        if not info["verb"]:
            continue
        params = list(info["params"])
        base = info["base"]
        while base in files:
            inherited = [p for p in files[base]["params"] if p["name"] not in {q["name"] for q in params}]
            params = inherited + params
            base = files[base]["base"]
        info = dict(info, params=params)
        cmdlets.append(info)
    return sorted(cmdlets, key=lambda c: (c["noun"], c["verb"]))


def para(text):
    return "".join(f"<maml:para>{html.escape(p)}</maml:para>" for p in text.strip().split("\n\n") if p.strip())


def type_name(t):
    return {"SwitchParameter": "System.Management.Automation.SwitchParameter", "string": "System.String",
            "string[]": "System.String[]", "object": "System.Object", "int": "System.Int32",
            "TimeSpan": "System.TimeSpan", "Hashtable": "System.Collections.Hashtable"}.get(t, t)


def param_xml(p, overrides, tag="command:parameter"):
    desc = overrides.get(p["name"], p["summary"])
    required = "true" if p["mandatory"] else "false"
    position = p["position"] if p["position"] is not None else "named"
    switch = p["type"] == "SwitchParameter"
    aliases = ", ".join(p["aliases"]) if p["aliases"] else "none"
    return (f'<{tag} required="{required}" variableLength="{"true" if p["type"].endswith("[]") else "false"}" '
            f'globbing="{"true" if p["wildcards"] else "false"}" pipelineInput="{p["pipeline"]}" position="{position}" aliases="{aliases}">'
            f'<maml:name>{p["name"]}</maml:name><maml:description>{para(desc)}</maml:description>'
            + ("" if switch else f'<command:parameterValue required="true" variableLength="false">{html.escape(p["type"])}</command:parameterValue>')
            + f'<dev:type><maml:name>{html.escape(type_name(p["type"]))}</maml:name></dev:type>'
            + f'<dev:defaultValue>{"False" if switch else "None"}</dev:defaultValue></{tag}>')


def command_xml(c):
    name = f'{c["verb"]}-{c["noun"]}'
    h = HELP.get(name)
    if h is None:
        sys.exit(f"no help text for {name} in tools/help_text.py")
    params = c["params"]
    if c["should_process"]:
        params = params + [
            {"name": "WhatIf", "type": "SwitchParameter", "summary": "Shows what would happen if the cmdlet runs. Nothing is changed.",
             "mandatory": False, "position": None, "pipeline": "false", "aliases": ["wi"], "wildcards": False},
            {"name": "Confirm", "type": "SwitchParameter", "summary": "Prompts for confirmation before each change.",
             "mandatory": False, "position": None, "pipeline": "false", "aliases": ["cf"], "wildcards": False}]
    overrides = h.get("parameters", {})
    out = [f'<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">',
           f'<command:details><command:name>{name}</command:name><maml:description>{para(h["synopsis"])}</maml:description>'
           f'<command:verb>{c["verb"]}</command:verb><command:noun>{c["noun"]}</command:noun></command:details>',
           f'<maml:description>{para(h["description"])}</maml:description>',
           '<command:syntax>']
    out.append(f'<command:syntaxItem><maml:name>{name}</maml:name>'
               + "".join(param_xml(p, overrides, "command:parameter") for p in params) + '</command:syntaxItem>')
    out.append('</command:syntax><command:parameters>')
    out.extend(param_xml(p, overrides) for p in params)
    out.append('</command:parameters>')
    inputs = h.get("inputs", [])
    out.append('<command:inputTypes>' + "".join(
        f'<command:inputType><dev:type><maml:name>{html.escape(t)}</maml:name></dev:type><maml:description>{para(d)}</maml:description></command:inputType>'
        for t, d in inputs) + '</command:inputTypes>')
    out.append('<command:returnValues>' + "".join(
        f'<command:returnValue><dev:type><maml:name>{html.escape(t)}</maml:name></dev:type><maml:description>{para(h.get("outputs", {}).get(t, ""))}</maml:description></command:returnValue>'
        for t in c["output"]) + '</command:returnValues>')
    if h.get("notes"):
        out.append(f'<maml:alertSet><maml:alert>{para(h["notes"])}</maml:alert></maml:alertSet>')
    out.append('<command:examples>')
    for i, (title, code, remarks) in enumerate(h["examples"], 1):
        out.append(f'<command:example><maml:title>--- Example {i}: {html.escape(title)} ---</maml:title>'
                   f'<dev:code>{html.escape(code.strip())}</dev:code><dev:remarks>{para(remarks)}</dev:remarks></command:example>')
    out.append('</command:examples>')
    out.append('<command:relatedLinks>' + "".join(
        f'<maml:navigationLink><maml:linkText>{l}</maml:linkText><maml:uri></maml:uri></maml:navigationLink>' for l in h.get("links", []))
        + '</command:relatedLinks>')
    out.append('</command:command>')
    return "\n".join(out)


def main():
    cmdlets = collect()
    body = "\n".join(command_xml(c) for c in cmdlets)
    xml = ('<?xml version="1.0" encoding="utf-8"?>\n'
           '<!-- Generated by tools/generate-help.py from the cmdlet sources and tools/help_text.py. -->\n'
           '<helpItems schema="maml" xmlns="http://msh">\n' + body + '\n</helpItems>\n')
    out = os.path.join(ROOT, "en-US", "TwelveFactor.dll-Help.xml")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write(xml)
    print(f"wrote {len(cmdlets)} cmdlets to {out}")


if __name__ == "__main__":
    main()
