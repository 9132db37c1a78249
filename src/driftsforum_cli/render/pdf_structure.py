"""The tagged PDF's structure made to match the PDF/UA-1 identification WeasyPrint writes.

WeasyPrint marks the content of page margin boxes ("Side 1 af 3", the running header) as ordinary marked
content (/Span with an MCID) whose structure elements are never linked into the structure tree: content that
is neither an artifact nor reachable from the tree, which PDF/UA-1 (ISO 14289-1, 7.1) does not allow. And it
gives table header cells an /ID without the /IDTree that ISO 32000-1 (14.7.2) requires in the structure root.

`tidy` repairs both with pikepdf: every marked-content sequence the tree cannot reach becomes an artifact
(/Artifact with /Type /Pagination – page furniture) and leaves the parent tree, and the structure root gets an
/IDTree of every element with an /ID. `check` lists what still breaks the rules (empty when the PDF holds).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any


def tidy(data: bytes) -> bytes:
    """The PDF with unreachable marked content as artifacts and an /IDTree; unchanged if it is not tagged."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return data
        reachable, ids = _walk(root)
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        parent_tree = root.get("/ParentTree")
        for page in pdf.pages:
            _artifacts(pdf, page, reachable, parent_tree, pages[page.obj.objgen])
        if ids:
            names = pikepdf.Array()
            for key in sorted(ids):
                names.append(pikepdf.String(key))
                names.append(ids[key])
            root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=names))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)  # the same document gives the same bytes (publish compares them)
        return out.getvalue()


def _walk(root: Any) -> tuple[set[tuple[tuple[int, int], int]], dict[str, Any]]:
    """(page, MCID) of every marked content the structure tree reaches, and its elements by /ID."""
    import pikepdf

    reachable: set[tuple[tuple[int, int], int]] = set()
    ids: dict[str, Any] = {}
    pending = list(_kids(root.get("/K")))
    seen: set[tuple[int, int]] = set()
    while pending:
        element = pending.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        if "/ID" in element:
            ids[str(element.ID)] = element
        page = element.get("/Pg")
        for kid in _kids(element.get("/K")):
            if isinstance(kid, int) and page is not None:
                reachable.add((page.objgen, kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                where = kid.get("/Pg", page)
                if where is not None:
                    reachable.add((where.objgen, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                pending.append(kid)
    return reachable, ids


def _kids(value: Any) -> Iterator[Any]:
    import pikepdf

    if value is None:
        return
    if isinstance(value, pikepdf.Array):
        for item in value:
            yield int(item) if isinstance(item, int) else item
    else:
        yield int(value) if isinstance(value, int) else value


def _artifacts(pdf: Any, page: Any, reachable: set[tuple[tuple[int, int], int]], parent_tree: Any, number: int) -> None:
    """Turn the page's unreachable marked content into artifacts, and drop them from the parent tree."""
    import pikepdf

    changed: set[int] = set()
    instructions: list[Any] = []
    for instruction in pikepdf.parse_content_stream(page):
        operands = list(instruction.operands)
        if str(instruction.operator) == "BDC" and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and (page.obj.objgen, int(mcid)) not in reachable:
                changed.add(int(mcid))
                artifact = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
                instruction = pikepdf.ContentStreamInstruction(artifact, instruction.operator)
        instructions.append(instruction)
    if not changed:
        return
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(instructions))
    nums = parent_tree.get("/Nums") if parent_tree is not None else None
    if nums is None:
        return
    for index in range(0, len(nums) - 1, 2):
        if int(nums[index]) == number and isinstance(nums[index + 1], pikepdf.Array):
            mapping = nums[index + 1]
            for gone in changed:
                if gone < len(mapping):
                    mapping[gone] = pikepdf.Object.parse(b"null")


def instructions_of(page: Any) -> Iterator[tuple[list[Any], Any]]:
    """The page's content stream as (operands, operator) pairs (inline images included)."""
    import pikepdf

    for instruction in pikepdf.parse_content_stream(page):
        yield list(instruction.operands), instruction.operator


def check(data: bytes) -> list[str]:
    """What in the PDF contradicts a PDF/UA-1 identification, as sentences (empty: nothing found): marked
    content neither artifact nor reachable from the structure tree, /ID without /IDTree."""
    import pikepdf

    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return ["no structure tree"]
        reachable, ids = _walk(root)
        if ids and "/IDTree" not in root:
            problems.append(f"{len(ids)} structure elements have /ID, but the structure root has no /IDTree")
        for number, page in enumerate(pdf.pages, start=1):
            for operands, operator in instructions_of(page):
                if str(operator) != "BDC" or len(operands) != 2 or not isinstance(operands[1], pikepdf.Dictionary):
                    continue
                mcid = operands[1].get("/MCID")
                if mcid is not None and (page.obj.objgen, int(mcid)) not in reachable:
                    problems.append(f"page {number}: marked content {operands[0]} MCID {int(mcid)} is unreachable")
    return problems
