import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget log`: the journal's events as recorded, one line each.
public enum LogRenderer {
    public static let columns: [TableLayout.Column] = [
        .init("seq", alignRight: true), .init("date"), .init("type"), .init("project"), .init("amount", alignRight: true),
        .init("detail"), .init("id"), .init("recorded"),
    ]

    public static func table(_ events: [Event]) -> String {
        var table = TextTable(columns)
        var index = 0
        while index < events.count {
            if index + 1 < events.count, CorrectionText.pairs(events[index], events[index + 1]) {
                table.add(cells(reversal: events[index], corrected: events[index + 1]))
                index += 2
            } else {
                table.add(cells(events[index]))
                index += 1
            }
        }
        return table.render()
    }

    /// One event's row: the amount is the money its own movement adds (negative when a
    /// reversal takes it back), the detail what its kind says of it.
    public static func cells(_ event: Event) -> [String] {
        let amount = event.body.movements.primary.map { Money(fen: $0.fen).groupedYuanText } ?? ""
        return [String(event.seq), event.date.text, event.body.kind.name, event.body.project ?? "(all)", amount,
                event.body.summary, event.id, event.recorded]
    }

    /// A correction's row: its two events as one, the amount what the correction moved.
    public static func cells(reversal: Event, corrected: Event) -> [String] {
        let fen = (reversal.body.movements.primary?.fen ?? 0) + (corrected.body.movements.primary?.fen ?? 0)
        return ["\(reversal.seq)+\(corrected.seq)", corrected.date.text, "amended", corrected.body.project ?? "(all)",
                Money(fen: fen).groupedYuanText, CorrectionText.describe(reversal: reversal, corrected: corrected),
                corrected.id, corrected.recorded]
    }

    public static func json(_ events: [Event]) -> String {
        var out = "[\n"
        for (index, event) in events.enumerated() {
            out += "  " + line(event) + (index + 1 < events.count ? ",\n" : "\n")
        }
        return out + "]\n"
    }

    /// The journal's own line format, without the chain: already the JSON a script wants.
    public static func line(_ event: Event) -> String {
        var body: [UInt8] = []
        body.append(contentsOf: "{\"seq\":\(event.seq),\"id\":".utf8)
        JSONWriter.appendQuoted(event.id, to: &body)
        body.append(contentsOf: ",\"type\":\"\(event.body.kind.name)\",\"date\":\"\(event.date.text)\",\"recorded\":".utf8)
        JSONWriter.appendQuoted(event.recorded, to: &body)
        for member in event.body.fieldMembers {
            body.append(UInt8(ascii: ","))
            JSONWriter.appendQuoted(member.key, to: &body)
            body.append(UInt8(ascii: ":"))
            JSONWriter.appendCompact(member.value, to: &body)
        }
        body.append(UInt8(ascii: "}"))
        return String(decoding: body, as: UTF8.self)
    }
}
