import BudgetText
import BudgetJSON

extension DeclaredFundUnit: FieldChoice {}

/// A declared fund block: `{"total": {"initial": …, "fullYear": …, "executed": …, "rate": …}, …}`,
/// rows in the form's order and blank cells left out, so that a block has one spelling. Amounts
/// are yuan with two decimals, as everywhere in the journal.
extension Dictionary: FieldValue where Key == FormFundRow, Value == DeclaredFigures {
    public static var fieldKindName: Message { Message(.fieldKindObject) }

    public var fieldJSON: JSONValue {
        var rows = JSONObject()
        for row in FormFundRow.allCases {
            guard let figures = self[row], !figures.isBlank else { continue }
            var cells = JSONObject()
            for (name, amount) in [("initial", figures.initial), ("fullYear", figures.fullYear), ("executed", figures.executed)] {
                if let amount { cells.append(name, amount.fieldJSON) }
            }
            if let rate = figures.rate { cells.append("rate", rate.fieldJSON) }
            rows.append(row.rawValue, .object(cells))
        }
        return .object(rows)
    }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        guard case .object(let object) = json else { throw FieldProblem(Message(.missingObject, key)) }
        var funds: [FormFundRow: DeclaredFigures] = [:]
        for member in object.members {
            guard let row = FormFundRow(rawValue: member.key) else { throw FieldProblem(Message(.unexpectedMemberIn, member.key, key)) }
            guard case .object(let cells) = member.value else { throw FieldProblem(Message(.missingObject2, key, row)) }
            var figures = DeclaredFigures()
            for cell in cells.members {
                let name = "\(key)\".\"\(row)\".\"\(cell.key)"
                switch cell.key {
                case "initial": figures.initial = try Self.amount(cell.value, name)
                case "fullYear": figures.fullYear = try Self.amount(cell.value, name)
                case "executed": figures.executed = try Self.amount(cell.value, name)
                case "rate": figures.rate = try Rate(fieldJSON: cell.value, key: name)
                default: throw FieldProblem(Message(.unexpectedMember, name))
                }
            }
            guard !figures.isBlank else { throw FieldProblem(Message(.isEmpty, key, row)) }
            funds[row] = figures
        }
        self = funds
    }

    /// A figure as printed may be zero, but never negative.
    private static func amount(_ json: JSONValue, _ name: String) throws(FieldProblem) -> Money {
        let money = try Money(fieldJSON: json, key: name)
        if let problem = FieldCheck.notNegative.problem(money) { throw FieldProblem(Message(.quotedFieldThen, name, problem)) }
        return money
    }
}

/// Declared indicator scores: `{"out-01": "2", …}`, in the form's order.
extension Array: FieldValue where Element == DeclaredScore {
    public static var fieldKindName: Message { Message(.fieldKindObject) }

    public var fieldJSON: JSONValue {
        .object(JSONObject(map { (key: $0.indicator, value: $0.score.fieldJSON) }))
    }

    public init(fieldJSON json: JSONValue, key: String) throws(FieldProblem) {
        guard case .object(let object) = json else { throw FieldProblem(Message(.missingObject, key)) }
        self = []
        for member in object.members {
            if let problem = Identifier.problem(with: member.key) { throw FieldProblem(Message(.indicatorId, member.key, problem)) }
            append(DeclaredScore(indicator: member.key, score: try Points(fieldJSON: member.value, key: "\(key)\".\"\(member.key)")))
        }
    }
}
