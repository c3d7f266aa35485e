import BudgetText
/// 结转: an unspent balance moved to a project of a later year, where it arrives as that
/// project's `carryover` source (上年结转资金), in both its 年初 and 全年 budgets. The sending
/// project keeps its full-year budget: carried money was budgeted but not executed.
public struct CarryOver: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var source: FundSource
    public internal(set) var amount: Money
    public internal(set) var toProject: String
    public internal(set) var memo: String?

    public init(project: String, source: FundSource, amount: Money, toProject: String, memo: String? = nil) {
        self.project = project; self.source = source; self.amount = amount; self.toProject = toProject; self.memo = memo
    }
}

extension CarryOver: ProjectPayload {
    public static let kind = EventKind(name: "balance.carried_over", label: "结转")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("source", \.source), .required("amount", \.amount, .positive),
        .required("to", \.toProject, .identifier), .optional("memo", \.memo),
    ]
    public static let blank = CarryOver(project: "", source: .current, amount: .zero, toProject: "")
    public var body: EventBody { .carriedOver(self) }
    public var movements: Movements {
        Movements(Movement(project: project, source: source, figure: .carriedOut, fen: amount.fen),
                  Movement(project: toProject, source: .carryover, figure: .carriedIn, fen: amount.fen))
    }
    public var summary: Message { summaryWords(source.rawValue, amount.yuanText, "→", toProject, memo) }
    public var remark: String? { memo }
}
