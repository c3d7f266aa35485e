/// Text made safe for HTML and XML alike — element content and quoted attributes: the five
/// markup characters as entities, and the control characters XML 1.0 forbids dropped, so a
/// project named `<script>alert(1)</script>` shows as those characters and nothing runs. A
/// character that would reorder the text around it shows as its escape (see `TerminalText`).
public enum MarkupText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in TerminalText.escaped(text).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\t" && scalar != "\n" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
