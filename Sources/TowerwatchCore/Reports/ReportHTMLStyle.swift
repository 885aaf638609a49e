/// The HTML report's one style sheet, inlined in the page (no file, no network).
///
/// - Fonts: only fonts already on the reader's machine, never a web font. The list
///   names the common CJK families (Noto Sans CJK, Source Han Sans, WenQuanYi,
///   PingFang, Microsoft YaHei) after the Latin ones, so 王伟 and 中福广场 render
///   wherever any of them is installed.
/// - Paper: A4 with margins; each section starts a page; rows and charts never
///   break across pages, and a table's header repeats on each page it runs over.
/// - Colour is never the only sign: late markers are also hollow or outlined,
///   the target line is dashed, the drill part is labelled in words.
enum ReportHTMLStyle {
    static let fonts = "\"Noto Sans\", \"DejaVu Sans\", \"Liberation Sans\", Arial, \"Noto Sans CJK SC\", \"Noto Sans SC\", "
        + "\"Source Han Sans SC\", \"Source Han Sans CN\", \"WenQuanYi Micro Hei\", \"WenQuanYi Zen Hei\", \"Droid Sans Fallback\", "
        + "\"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", sans-serif"

    static let css = """
    @page { size: A4; margin: 12mm 11mm 14mm 11mm; }
    * { box-sizing: border-box; }
    html { font-family: \(fonts); font-size: 10.5pt; color: #1b1f24; background: #fff; }
    body { margin: 0 auto; max-width: 190mm; padding: 8mm 0; line-height: 1.35; }
    h1 { font-size: 20pt; margin: 0 0 2mm; }
    h2 { font-size: 14pt; margin: 0 0 3mm; padding-bottom: 1mm; border-bottom: 1.5pt solid #1b1f24; }
    h3 { font-size: 11.5pt; margin: 5mm 0 2mm; }
    p { margin: 1.5mm 0; }
    section { break-before: page; page-break-before: always; padding-top: 2mm; }
    header.cover + div.part > section:first-child { break-before: auto; page-break-before: auto; }
    dl.facts { display: grid; grid-template-columns: max-content auto; gap: 1mm 5mm; margin: 3mm 0 5mm; }
    dl.facts dt { font-weight: bold; }
    dl.facts dd { margin: 0; }
    .notice { border: 1pt solid #8a5a00; background: #fff5dc; padding: 2mm 3mm; margin: 3mm 0; }
    table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; font-size: 9pt; }
    th, td { padding: 1mm 1.6mm; text-align: left; vertical-align: top; border-bottom: 0.5pt solid #c9ced6; }
    th { background: #eef1f5; font-weight: bold; border-bottom: 1pt solid #1b1f24; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
    thead { display: table-header-group; }
    tr, svg, dl, .legend { break-inside: avoid; page-break-inside: avoid; }
    td.none { color: #6b7280; }
    td.id { white-space: nowrap; }
    tr.late td, td.late { color: #a3190d; }
    td.late, span.no { font-weight: bold; }
    span.no { color: #a3190d; }
    table.timeline td { padding: 0.6mm 1.4mm; }
    table.timeline td.track { padding: 0.4mm 0; width: 101mm; }
    table.timeline tr.group td { background: #f6f7f9; font-style: italic; }
    .legend { margin: 1mm 0 2mm; }
    .badge { display: inline-block; font-size: 9pt; font-weight: bold; letter-spacing: 0.08em; color: #fff; background: #7a3fb0;
             padding: 0.3mm 1.6mm; border-radius: 1mm; margin-right: 2mm; vertical-align: 0.15em; }
    div.part.drill section { border-left: 2.2mm solid #7a3fb0; padding-left: 4mm; }
    div.part.drill h2 { color: #4d2273; }
    .small { font-size: 8.5pt; color: #4b5563; }
    ul.notes { list-style: none; padding-left: 0; }
    ul.notes li { margin-bottom: 1.5mm; font-size: 9pt; break-inside: avoid; }
    svg text { font-family: \(fonts); }
    svg .axis-label, svg .legend-label, svg .bar-label { font-size: 9px; fill: #374151; }
    svg .target-label { font-size: 9px; fill: #a3190d; font-weight: bold; }
    svg .still-open { font-size: 8px; fill: #a3190d; }
    svg .axis { stroke: #374151; stroke-width: 1; }
    svg .tick { stroke: #374151; stroke-width: 1; }
    svg .grid { stroke: #dde1e7; stroke-width: 0.8; }
    svg .mark { stroke: #9aa3af; stroke-width: 0.8; stroke-dasharray: 2 2; }
    svg .target { stroke: #a3190d; stroke-width: 1.4; stroke-dasharray: 5 3; }
    svg .hz { stroke: #6b7280; stroke-width: 2.4; }
    svg .hz.open { stroke: #a3190d; stroke-dasharray: 4 2; }
    svg .dsp { stroke: #2563a8; stroke-width: 1.4; }
    svg .dsp.late { stroke: #c2410c; }
    svg .beyond { fill: none; stroke: #374151; stroke-width: 1.2; }
    svg .reported { fill: #1b1f24; }
    svg .sent { fill: #2563a8; }
    svg .ack { fill: #fff; stroke: #2563a8; stroke-width: 1.2; }
    svg .ack.late { stroke: #c2410c; stroke-width: 1.6; }
    svg .scene { fill: #15803d; }
    svg .scene.late { fill: #fff; stroke: #c2410c; stroke-width: 1.8; }
    svg .cleared { fill: #374151; }
    svg .ended { fill: none; stroke: #6b7280; stroke-width: 1.4; }
    svg .closed { fill: #1b1f24; }
    svg .closed.late { fill: #c2410c; }
    svg .alarm { fill: #dc2626; }
    svg .strip-hz { fill: #2563a8; fill-opacity: 0.55; stroke: #2563a8; stroke-width: 0.6; }
    svg .strip-hz.late { fill: #c2410c; stroke: #c2410c; }
    svg .bar { fill: #15803d; }
    svg .bar.late { fill: #c2410c; }
    @media print {
      html { font-size: 9.5pt; }
      body { padding: 0; max-width: none; }
    }
    """
}
