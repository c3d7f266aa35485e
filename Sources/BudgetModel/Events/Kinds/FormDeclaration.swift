import BudgetText

/// 自评表 as submitted (`form.declared`): the figures of a project's self-evaluation form exactly
/// as printed, mistakes included, so that `budget check` can reconcile the form with its own
/// arithmetic and with the ledger. A later declaration of the same project supersedes it.
public struct FormDeclaration: Equatable, Sendable {
    public internal(set) var project: String
    public internal(set) var fundUnit: DeclaredFundUnit
    /// The printed rows; a row left wholly blank is absent.
    public internal(set) var funds: [FormFundRow: DeclaredFigures]
    /// 分值 of the execution row, when printed.
    public internal(set) var executionWeight: Points?
    /// 得分 of the execution row.
    public internal(set) var executionScore: Points?
    /// 得分 of each indicator row, by indicator id, in the form's order.
    public internal(set) var indicatorScores: [DeclaredScore]
    /// The sum of the indicator scores, when the form prints one.
    public internal(set) var indicatorScore: Points?
    /// 总分
    public internal(set) var totalScore: Points?
    /// 评价等级, when the form prints one.
    public internal(set) var grade: Grade?
    /// 偏差原因 given for the execution rate.
    public internal(set) var executionReason: String?
    public internal(set) var memo: String?

    public init(project: String, fundUnit: DeclaredFundUnit, funds: [FormFundRow: DeclaredFigures],
                executionWeight: Points? = nil, executionScore: Points? = nil, indicatorScores: [DeclaredScore] = [],
                indicatorScore: Points? = nil, totalScore: Points? = nil, grade: Grade? = nil,
                executionReason: String? = nil, memo: String? = nil) {
        self.project = project; self.fundUnit = fundUnit; self.funds = funds.filter { !$0.value.isBlank }
        self.executionWeight = executionWeight; self.executionScore = executionScore
        self.indicatorScores = indicatorScores; self.indicatorScore = indicatorScore
        self.totalScore = totalScore; self.grade = grade; self.executionReason = executionReason; self.memo = memo
    }

    public func figures(_ row: FormFundRow) -> DeclaredFigures { funds[row] ?? DeclaredFigures() }

    public func score(of indicator: String) -> Points? {
        indicatorScores.first { $0.indicator == indicator }?.score
    }

    /// Whether the declaration states anything at all: an empty one would supersede a real
    /// form with nothing.
    public var isEmpty: Bool {
        funds.isEmpty && executionWeight == nil && executionScore == nil && indicatorScores.isEmpty
            && indicatorScore == nil && totalScore == nil && grade == nil && executionReason == nil
    }
}

extension FormDeclaration: ProjectPayload {
    public static let kind = EventKind(name: "form.declared", label: "报送自评表")
    public static let fields: [EventField<Self>] = [
        .required("project", \.project, .identifier), .required("fundUnit", \.fundUnit), .list("funds", \.funds),
        .optional("executionWeight", \.executionWeight), .optional("executionScore", \.executionScore),
        .list("indicators", \.indicatorScores), .optional("indicatorScore", \.indicatorScore),
        .optional("totalScore", \.totalScore), .optional("grade", \.grade), .optional("executionReason", \.executionReason),
        .optional("memo", \.memo),
    ]
    public static let blank = FormDeclaration(project: "", fundUnit: .wan, funds: [:])
    public var body: EventBody { .formDeclared(self) }
    public var summary: Message {
        Message(.declaredForm) + (totalScore.map { " 总分 \($0)" } ?? "") + Message(.indicatorScores, indicatorScores.count)
    }

    /// A declaration states something, and its figures are whole steps of the unit it was
    /// printed in: a 万元 block is exact to 0.01 万元.
    public var shapeProblem: Message? {
        if isEmpty { return Message(.declaredFormStatesNothing) }
        for row in FormFundRow.allCases {
            let figures = figures(row)
            for (name, amount) in [("initial", figures.initial), ("fullYear", figures.fullYear), ("executed", figures.executed)] {
                guard let amount, amount.fen % fundUnit.stepFen != 0 else { continue }
                return Message(.declaredIsFinerThan, row, name, amount.yuanText, fundUnit)
            }
        }
        return nil
    }
    /// A form is declared once its year is over, so it may be dated in the year after.
    public var dateWindow: DateWindow { .fiscalYearOrNext }
    public var remark: String? { memo }
}
