"""Writers for the collaboration network: Graphviz DOT, Mermaid, GraphML and JSON.

Every label comes from a dataset someone else may have written, so each writer escapes it
for its own format, and `visible` first turns control and bidi characters into visible
stand-ins: no writer ever emits a raw control character.
"""

from collections.abc import Callable

from binoche_cli.query.people import Graph
from binoche_cli.text import json_escape_unsafe, visible

GRAPH_FORMATS = ("dot", "mermaid", "json", "graphml")


def _dot_string(text: str) -> str:
    # In a DOT quoted string only `"` and `\` are special; `\` must be doubled or `\N`, `\l`
    # would turn into escapes in a label.
    return '"' + visible(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_dot(graph: Graph) -> str:
    """A DOT digraph that `dot -Tsvg` renders as it is: people as ellipses, works as boxes."""
    lines = [
        "digraph binoche {",
        "  graph [rankdir=LR, overlap=false];",
        '  node [fontname="Helvetica"];',
    ]
    for node in graph.nodes:
        label = f"{node.label} ({node.year})" if node.year is not None else node.label
        shape = "box" if node.type == "work" else "ellipse"
        lines.append(f"  {_dot_string(node.id)} [label={_dot_string(label)}, shape={shape}];")
    for edge in graph.edges:
        style = ", style=bold" if edge.role == "director" else ""
        lines.append(
            f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)} [label={_dot_string(edge.role)}{style}];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid reads HTML and its own `#name;` entities inside quoted labels: `#` goes first so
# the entities added after it are not escaped again.
_MERMAID_ESCAPES = (("#", "#35;"), ('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;"))


def _mermaid_label(text: str) -> str:
    text = visible(text)
    for raw, entity in _MERMAID_ESCAPES:
        text = text.replace(raw, entity)
    return '"' + text + '"'


def to_mermaid(graph: Graph) -> str:
    """A Mermaid flowchart. Node ids are n0, n1...: dataset ids could be Mermaid keywords."""
    short = {node.id: f"n{i}" for i, node in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    for node in graph.nodes:
        label = f"{node.label} ({node.year})" if node.year is not None else node.label
        left, right = ("[", "]") if node.type == "work" else ("([", "])")
        lines.append(f"  {short[node.id]}{left}{_mermaid_label(label)}{right}")
    for edge in graph.edges:
        arrow = "==>" if edge.role == "director" else "-->"
        lines.append(f"  {short[edge.source]} {arrow}|{edge.role}| {short[edge.target]}")
    return "\n".join(lines) + "\n"


def _xml_text(text: str) -> str:
    """Visible, and only characters XML 1.0 allows (U+FFFE, U+FFFF and lone surrogates are not)."""
    return "".join(
        c if not (0xD800 <= ord(c) <= 0xDFFF or c in "\ufffe\uffff") else "\ufffd" for c in visible(text)
    )


def to_graphml(graph: Graph) -> str:
    """GraphML: nodes carry label, type and year; edges carry the role."""
    from xml.etree import ElementTree as ET

    ns = "http://graphml.graphdrawing.org/xmlns"
    ET.register_namespace("", ns)
    root = ET.Element(f"{{{ns}}}graphml")
    keys = (
        ("label", "node", "string"),
        ("type", "node", "string"),
        ("year", "node", "int"),
        ("role", "edge", "string"),
    )
    for name, owner, kind in keys:
        ET.SubElement(root, f"{{{ns}}}key", {"id": name, "for": owner, "attr.name": name, "attr.type": kind})
    body = ET.SubElement(root, f"{{{ns}}}graph", {"id": "binoche", "edgedefault": "directed"})
    for node in graph.nodes:
        element = ET.SubElement(body, f"{{{ns}}}node", {"id": _xml_text(node.id)})
        values = {"label": node.label, "type": node.type}
        if node.year is not None:
            values["year"] = str(node.year)
        for key, value in values.items():
            ET.SubElement(element, f"{{{ns}}}data", {"key": key}).text = _xml_text(value)
    for i, edge in enumerate(graph.edges):
        element = ET.SubElement(
            body,
            f"{{{ns}}}edge",
            {"id": f"e{i}", "source": _xml_text(edge.source), "target": _xml_text(edge.target)},
        )
        ET.SubElement(element, f"{{{ns}}}data", {"key": "role"}).text = edge.role
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def to_json(graph: Graph, ascii_only: bool = False) -> str:
    """{"nodes": [{"id", "label", "type", "year"}], "edges": [{"source", "target", "role"}]}."""
    import json

    from binoche_cli.output.records import graph_record

    text = json.dumps(graph_record(graph), ensure_ascii=ascii_only, indent=2)
    # JSON keeps labels exactly; the unsafe characters it would leave raw (bidi, format, tag
    # characters) are written as \u escapes, which read back the same but no terminal obeys.
    # Line by line: a line is nearly always clean (one C-level check), where the whole text
    # went through a Python callback for each of its newlines (millions on a large graph).
    return "\n".join(map(json_escape_unsafe, text.split("\n"))) + "\n"


WRITERS: dict[str, Callable[[Graph], str]] = {
    "dot": to_dot,
    "mermaid": to_mermaid,
    "graphml": to_graphml,
    "json": to_json,
}
