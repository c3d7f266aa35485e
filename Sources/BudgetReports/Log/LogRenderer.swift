import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// Renders `budget log`: the journal's events as recorded, one line each.
public enum LogRenderer {
    /// The headings in `language`; the type column shows the event type ids, which are the
    /// programmatic interface.
    public static func columns(_ language: Language) -> [TableLayout.Column] {
        func heading(_ key: MessageKey) -> String { Message(key).text(language) }
        return [
            .init(heading(.headingSeq), alignRight: true), .init(heading(.headingDate)), .init(heading(.headingType)),
            .init(heading(.headingProject)), .init(heading(.headingAmount), alignRight: true), .init(heading(.headingDetail)),
            .init("id"), .init(heading(.headingRecorded)),
        ]
    }

    public static func table(_ events: [Event], language: Language = .en) -> String {
        var table = TextTable(columns(language))
        var index = 0
        while index < events.count {
            if index + 1 < events.count, CorrectionText.pairs(events[index], events[index + 1]) {
                table.add(cells(reversal: events[index], corrected: events[index + 1], language: language))
                index += 2
            } else {
                table.add(cells(events[index], language: language))
                index += 1
            }
        }
        return table.render()
    }

    /// One event's row: the amount is the money its own movement adds (negative when a
    /// reversal takes it back), the detail what its kind says of it.
    public static func cells(_ event: Event, language: Language = .en) -> [String] {
        let amount = event.body.movements.primary.map { Money(fen: $0.fen).groupedYuanText } ?? ""
        return [String(event.seq), event.date.text, event.body.kind.name, event.body.project ?? Message(.allProjectsMark).text(language), amount,
                event.body.summary.text(language), event.id, event.recorded]
    }

    /// A correction's row: its two events as one, the amount what the correction moved.
    public static func cells(reversal: Event, corrected: Event, language: Language = .en) -> [String] {
        let fen = (reversal.body.movements.primary?.fen ?? 0) + (corrected.body.movements.primary?.fen ?? 0)
        return ["\(reversal.seq)+\(corrected.seq)", corrected.date.text, Message(.amendedMark).text(language), corrected.body.project ?? Message(.allProjectsMark).text(language),
                Money(fen: fen).groupedYuanText, CorrectionText.describe(reversal: reversal, corrected: corrected).text(language),
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
