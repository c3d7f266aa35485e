import BudgetText
import BudgetModel
import BudgetProjections

/// `budget form`: the 项目支出绩效自评表 (project expenditure performance self-evaluation form) of
/// each project, as the seed forms lay it out, with every finding of `budget check` attached to
/// the cell it questions. A pure function of a ledger report and the check report of the same
/// point of replay; the renderers (`FormHTML`, `FormWorkbook`, `FormCSV`, `FormMarkdown`) only
/// lay it out.
public struct FormReport: Equatable, Sendable {
    public let asOf: BusinessDate?
    /// The last event the replay applied.
    public let seq: Int64
    public let forms: [SelfEvaluationForm]
    /// Each project's execution curve, by project id, for the HTML form's chart (review only).
    public var curves: [String: ExecutionCurve] = [:]
    /// The title's region and attachment number (`附件5`, `自治区`), as the journal sets them.
    public let settings: FormSettings
    /// Whether the review marks are shown: the findings of `check` beside their cells, the
    /// event numbers, the chart. Without them the form is exactly what is handed in.
    public let review: Bool
    /// The language of the review marks; the form itself is the official Chinese form.
    public let language: Language

    /// One form per project of `report`, in its order, each with the findings `check` has for
    /// it. With `onlyProjectsWithForms`, a project with no indicator, goal or declared form (one
    /// that only carries money on to a later year) is left out: it has no form to hand in.
    public init(report: LedgerReport, check: CheckReport, onlyProjectsWithForms: Bool = false, settings: FormSettings = FormSettings(),
                review: Bool = true, language: Language = .en) {
        self.language = language
        asOf = report.asOf
        seq = report.seq
        self.settings = settings
        self.review = review
        forms = report.projects
            .filter { !onlyProjectsWithForms || Self.hasForm($0.state) }
            .map { project in
                SelfEvaluationForm(project, policy: report.policy,
                                   findings: review ? check.findings.filter { $0.project == project.state.id } : [])
            }
    }

    /// Each form laid out on the paper's grid, with its title and footer.
    public var grids: [FormGrid] { forms.map { FormGrid($0, footer: footer(of: $0, language: language), settings: settings, language: language) } }

    /// The line under a form, as the seed prints it; in review, also the point of replay.
    public func footer(of form: SelfEvaluationForm, language: Language = .en) -> String {
        let note = "注意事项:总分\(form.totalWeight)=绩效指标\(form.totalWeight - form.executionWeight)分+资金执行情况\(form.executionWeight),请大家务必按照勾稽关系准确计分。"
        guard review else { return note }
        let point = asOf.map { Message(.replayedTo, $0.text) } ?? Message(.replayedWhole)
        return note + Message(.nBudgetFormReview, form.project, point, seq).text(language)
    }

    /// Whether the journal says anything a form is made of besides money.
    public static func hasForm(_ state: ProjectState) -> Bool {
        !state.indicators.isEmpty || !state.goals.isEmpty || state.declared != nil
    }
}

/// One project's form: the header, the fund block in 万元, the two goal texts, the indicator
/// block grouped as on paper (一级指标 → 二级指标 → rows), the foot, and the notes.
public struct SelfEvaluationForm: Equatable, Sendable {
    public let project: String
    public let year: Int
    /// 项目名称
    public let name: String
    /// 主管部门
    public let department: String
    /// 实施单位
    public let unit: String
    /// 年度资金总额, then 当年财政拨款, 上年结转资金, 其他资金.
    public let funds: [FundLine]
    /// 分值 and 得分 of the execution rate, on the 年度资金总额 row.
    public let executionWeight: Points
    public let executionScore: Points
    /// 预期目标 and 实际完成情况 (年度总体目标).
    /// 执行偏差原因, printed under the fund block when given.
    public let executionReason: String?
    public let expectedGoal: String?
    public let outcome: String?
    public let levels: [LevelBlock]
    /// 总分 row: 分值 (the execution weight and every indicator weight) and 得分.
    public let totalWeight: Points
    public let totalScore: Points
    public let grade: Grade
    /// The findings of `budget check`, numbered from 1 in the order it reports them.
    public let notes: [FormNote]

    public init(_ project: ProjectReport, policy: ScoringPolicy, findings: [Finding]) {
        let state = project.state, card = project.scorecard
        self.project = state.id
        year = state.registration.year
        name = state.registration.name
        department = state.registration.department
        unit = state.registration.unit
        funds = [FundLine(row: .total, figures: state.funds.total, rate: card.rate)]
            + FundSource.allCases.map { FundLine(row: FormFundRow(rawValue: $0.rawValue)!, figures: state.funds[$0], rate: state.funds[$0].rate) }
        executionWeight = policy.executionWeight
        executionScore = card.executionScore
        executionReason = state.executionReason
        expectedGoal = state.expectedGoal
        outcome = state.outcome
        levels = LevelBlock.group(state.indicators)
        totalWeight = policy.executionWeight + card.indicatorWeight
        totalScore = card.total
        grade = card.grade
        let order = state.indicators.map(\.definition)
        let placed = findings.enumerated().sorted { a, b in
            let (keyA, keyB) = (Self.position(of: a.element.cell, in: order), Self.position(of: b.element.cell, in: order))
            return keyA != keyB ? keyA.lexicographicallyPrecedes(keyB) : a.offset < b.offset
        }
        notes = placed.enumerated().map { FormNote(number: $0.offset + 1, finding: $0.element.element) }
    }

    /// Where a cell stands in reading order, top to bottom and left to right, so that the notes
    /// are numbered as a reader meets them. A finding with no cell comes last.
    static func position(of cell: FormCell?, in indicators: [IndicatorDefinition]) -> [Int] {
        let rows = FormFundRow.allCases
        switch cell {
        case .fund(let row, let column)?:
            let columns: [FundColumn: Int] = [.initial: 0, .fullYear: 1, .executed: 2, .rate: 4]
            return [0, rows.firstIndex(of: row) ?? 0, columns[column] ?? 0]
        case .executionWeight?: return [0, 0, 3]
        case .executionScore?: return [0, 0, 5]
        case .levelWeights(let level)?: return [1, indicators.firstIndex { $0.level1 == level } ?? indicators.count, -1]
        case .indicator(let id, let column)?:
            return [1, indicators.firstIndex { $0.indicator == id } ?? indicators.count, IndicatorColumn.allCases.firstIndex(of: column) ?? 0]
        case .totalWeight?: return [2, 0, 0]
        case .totalScore?: return [2, 0, 1]
        case nil: return [3, 0, 0]
        }
    }

    /// The numbers of the notes that question `cell`.
    public func notes(on cell: FormCell) -> [Int] {
        notes.filter { $0.finding.cell == cell }.map(\.number)
    }
}

/// One row of the fund block, in 万元 as printed. A source with no money at all is printed
/// blank, as the forms leave an unused 上年结转资金 or 其他资金 row empty.
public struct FundLine: Equatable, Sendable {
    public let row: FormFundRow
    /// 年初预算数, 全年预算数 and 全年执行数; nil for a blank row.
    public let initial: Money?
    public let fullYear: Money?
    public let executed: Money?
    /// 执行率; nil where there is no full-year budget (printed "—") or the row is blank.
    public let rate: Rate?

    init(row: FormFundRow, figures: FundFigures, rate: Rate?) {
        self.row = row
        let unused = row != .total && [figures.initial, figures.fullYear, figures.executed, figures.carriedOut].allSatisfy { $0.fen == 0 }
        initial = unused ? nil : figures.initial
        fullYear = unused ? nil : figures.fullYear
        executed = unused ? nil : figures.executed
        self.rate = unused ? nil : rate
    }

    public var isBlank: Bool { initial == nil }

    /// The label the forms print: the sources are indented under the total with 其中.
    public var label: String {
        switch row {
        case .total: return "年度资金总额"
        case .current: return "其中：当年财政拨款"
        case .carryover, .other: return row.label
        }
    }
}

/// The rows of one 一级指标 (产出, 效益, 满意度), printed in one merged cell with its points.
public struct LevelBlock: Equatable, Sendable {
    public let level: IndicatorLevel
    /// The sum of its indicators' weights: the "(50分)" of "产出指标（50分）".
    public let weight: Points
    public let classes: [ClassBlock]

    public var label: String { "\(level.label)（\(weight.text)分）" }
    public var rowCount: Int { classes.reduce(0) { $0 + $1.rows.count } }

    /// Groups the indicators as the paper merges them: consecutive rows of the same 一级指标
    /// share one cell, and within it consecutive rows of the same 二级指标 share another.
    static func group(_ indicators: [IndicatorState]) -> [LevelBlock] {
        var levels: [(level: IndicatorLevel, classes: [ClassBlock])] = []
        for indicator in indicators {
            let definition = indicator.definition
            let line = IndicatorLine(indicator)
            if levels.last?.level != definition.level1 { levels.append((definition.level1, [])) }
            if levels[levels.count - 1].classes.last?.name == definition.level2 {
                let last = levels[levels.count - 1].classes.removeLast()
                levels[levels.count - 1].classes.append(ClassBlock(name: last.name, rows: last.rows + [line]))
            } else {
                levels[levels.count - 1].classes.append(ClassBlock(name: definition.level2, rows: [line]))
            }
        }
        return levels.map { entry in
            LevelBlock(level: entry.level, weight: entry.classes.flatMap(\.rows).reduce(.zero) { $0 + $1.weight }, classes: entry.classes)
        }
    }
}

/// The rows of one 二级指标 (数量指标, 成本指标 …), printed in one merged cell.
public struct ClassBlock: Equatable, Sendable {
    public let name: String
    public let rows: [IndicatorLine]
}

/// One indicator row: 三级指标, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施.
public struct IndicatorLine: Equatable, Sendable {
    public let id: String
    public let name: String
    public let target: String
    public let actual: String?
    public let weight: Points
    public let score: Points?
    public let reason: String?

    init(_ indicator: IndicatorState) {
        id = indicator.definition.indicator
        name = indicator.definition.name
        target = indicator.definition.target
        actual = indicator.actual
        weight = indicator.definition.weight
        score = indicator.score
        reason = indicator.reason
    }
}

/// A finding of `budget check` as the form prints it beside the cell it questions.
public struct FormNote: Equatable, Sendable {
    public let number: Int
    public let finding: Finding

    /// `[1]`, the mark put in the questioned cell and before the note.
    public var mark: String { "[\(number)]" }

    /// `[1] fund-total · 年度资金总额 年初预算数: expected 196.81万, found 196.80万 — 128 + 68.81 = 196.81`
    public func text(_ language: Language) -> String {
        Message(.expectedFound, mark, finding.rule.rawValue, finding.subject, finding.expected, finding.found, finding.detail).text(language)
    }
}
