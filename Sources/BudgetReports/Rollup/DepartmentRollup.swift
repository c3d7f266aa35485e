import BudgetModel
import BudgetProjections

/// `report --by department|unit`: a department's (主管部门) or a unit's (实施单位) projects of one
/// fiscal year summed — the starting point of the 部门整体支出绩效自评. A roll-up never mixes years:
/// money carried from one year's project into the next is counted in each year once, never twice
/// in one sum. A pure function of the report and the date progress is judged at.
public struct DepartmentRollup: Equatable, Sendable {
    public enum Dimension: String, Sendable {
        case department, unit
        public var label: String { self == .department ? "主管部门" : "实施单位" }
    }

    public struct Group: Equatable, Sendable {
        public let name: String
        public let year: Int
        public let funds: FundTable
        /// The projects, in report order.
        public let projects: [String]
        /// How many projects have each grade: self-assessed, and by the rules.
        public let grades: [Grade: Int]
        public let ruleGrades: [Grade: Int]
        /// The total scores averaged, each weighted by its project's full-year budget; nil when
        /// the group has no full-year budget.
        public let weightedScore: Points?
        /// The projects behind 序时进度 at the date progress is judged at.
        public let behind: [String]
        public var rate: Rate? { funds.total.rate }
    }

    public let asOf: BusinessDate?
    public let seq: Int64
    public let dimension: Dimension
    public let groups: [Group]

    /// `progressDate`: the date 序时进度 is judged at (the replay's, else today); a year already
    /// over is judged at its last day.
    public init(report: LedgerReport, by dimension: Dimension, progressDate: BusinessDate, thresholdBasisPoints: Int64) {
        var keys: [String] = []
        var members: [String: [ProjectReport]] = [:]
        for project in report.projects {
            let registration = project.state.registration
            let key = (dimension == .department ? registration.department : registration.unit) + "\u{0}" + String(registration.year)
            if members[key] == nil { keys.append(key) }
            members[key, default: []].append(project)
        }
        groups = keys.sorted().map { key in
            let projects = members[key]!
            let registration = projects[0].state.registration
            var funds = FundTable()
            for project in projects {
                for source in FundSource.allCases { funds[source].add(project.state.funds[source]) }
            }
            var grades: [Grade: Int] = [:], ruleGrades: [Grade: Int] = [:]
            var weighted: Int128 = 0, weight: Int128 = 0
            for project in projects {
                grades[project.scorecard.grade, default: 0] += 1
                ruleGrades[project.scorecard.computedGrade, default: 0] += 1
                let fullYear = Int128(project.state.funds.total.fullYear.fen)
                weighted += Int128(project.scorecard.total.hundredths) * fullYear
                weight += fullYear
            }
            let year = registration.year
            let judged = min(progressDate, BusinessDate.lastDay(of: year)!)
            let behind = BehindSchedule.lagging(projects.map(\.state), at: judged, thresholdBasisPoints: thresholdBasisPoints).map(\.registration.project)
            return Group(name: dimension == .department ? registration.department : registration.unit, year: year, funds: funds,
                         projects: projects.map(\.state.id), grades: grades, ruleGrades: ruleGrades,
                         weightedScore: weight > 0 ? Points(hundredths: Int64((weighted * 2 + weight) / (weight * 2))) : nil, behind: behind)
        }
        asOf = report.asOf
        seq = report.seq
        self.dimension = dimension
    }
}

extension FundFigures {
    /// Another project's figures added in, for a roll-up.
    mutating func add(_ other: FundFigures) {
        initial = Money(fen: initial.fen + other.initial.fen)
        adjusted = Money(fen: adjusted.fen + other.adjusted.fen)
        refunded = Money(fen: refunded.fen + other.refunded.fen)
        executed = Money(fen: executed.fen + other.executed.fen)
        carriedOut = Money(fen: carriedOut.fen + other.carriedOut.fen)
    }
}
