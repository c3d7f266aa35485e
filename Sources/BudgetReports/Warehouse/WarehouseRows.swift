import BudgetModel
import BudgetProjections
import BudgetJSON

/// `export --format warehouse`: the journal as flat rows for ClickHouse (JSONEachRow), one table
/// for every journal of a province. Each row names its journal and that journal's verified head,
/// and is one of:
/// - `movement`: money moved — project, source, figure, signed fen, economic class — on the event's business
///   date; a reversal's rows are its original's movements undone, on the reversal's own date;
/// - `project`: a registration, with year, department, unit and name;
/// - `indicator`: a definition (its weight in hundredths of a point); `score`: a self-assessed score;
/// - `policy`: the execution weight and the precisions that scores depend on;
/// - `reversal`: which event a reversal undoes (`target`) and from which date, so that SQL can
///   leave out an indicator, a score or a policy once it is reversed as of a date.
/// Money stays integer fen, points integer hundredths: no float on the way.
public struct WarehouseRows: EventFold {
    public let journal: String
    public let head: String
    private let emit: (String) -> Void
    public private(set) var count = 0

    public init(journal: String, head: String, emit: @escaping (String) -> Void) {
        self.journal = journal; self.head = head; self.emit = emit
    }

    public mutating func apply(_ event: Event) {
        let economicClass = event.body.economicClass
        for movement in event.body.movements {
            var members: [(String, JSONValue)] = [("project", .string(movement.project)), ("source", .string(movement.source.rawValue)),
                                                  ("figure", .string(movement.figure.rawValue)), ("fen", .number(String(movement.fen)))]
            if let economicClass { members.append(("class", .string(economicClass))) }
            row(event, "movement", members)
        }
        if case .projectRegistered(let registration) = event.body {
            row(event, "project", [("project", .string(registration.project)), ("year", .number(String(registration.year))),
                                   ("department", .string(registration.department)), ("unit", .string(registration.unit)),
                                   ("name", .string(registration.name))])
        }
        if case .indicatorDefined(let definition) = event.body {
            row(event, "indicator", [("project", .string(definition.project)), ("indicator", .string(definition.indicator)),
                                     ("level1", .string(definition.level1.rawValue)), ("points", .number(String(definition.weight.hundredths)))])
        }
        if case .indicatorScored(let score) = event.body {
            row(event, "score", [("project", .string(score.project)), ("indicator", .string(score.indicator)),
                                 ("points", .number(String(score.score.hundredths)))])
        }
        if case .policySet(let policy) = event.body {
            row(event, "policy", [("points", .number(String(policy.executionWeight.hundredths))),
                                  ("rateDecimals", .number(String(policy.rateDecimals))),
                                  ("executionScoreDecimals", .number(String(policy.executionScoreDecimals)))])
        }
        if case .reversed(let reversal) = event.body {
            row(event, "reversal", [("project", .string(reversal.original.project ?? "")), ("target", .number(String(reversal.targetSeq)))])
        }
    }

    private mutating func row(_ event: Event, _ kind: String, _ members: [(String, JSONValue)]) {
        var object = JSONObject()
        object.append("journal", .string(journal))
        object.append("head", .string(head))
        object.append("seq", .number(String(event.seq)))
        object.append("type", .string(event.body.kind.name))
        object.append("date", .string(event.date.text))
        object.append("recorded", .string(event.recorded))
        object.append("row", .string(kind))
        for (key, value) in members { object.append(key, value) }
        emit(JSONWriter.compact(.object(object)) + "\n")
        count += 1
    }
}
