import BudgetModel

/// An account of the double-entry export (`budget export`): one of four per project and fund
/// source, chosen so that each balance is a figure of `budget report` (hledger and beancount sign
/// conventions: debits positive, credits negative).
///
/// - `Income:Budget:P:S`: the budget granted, 全年预算数, as a credit: balance = −fullYear.
///   Approvals, adjustments and carry-ins credit it; refunds to the treasury debit it.
/// - `Expenses:Executed:P:S`: 全年执行数: balance = executed. Payments debit it.
/// - `Assets:Treasury:P:S`: the project's money still at the treasury (国库), unspent, unrefunded
///   and not carried on: balance = remaining (结余).
/// - `Equity:CarriedOver:P:S`: 结转, moved on to a later year's project: balance = carriedOver.
///   It keeps the sender's full-year budget whole, as the forms do.
public struct LedgerAccount: Hashable, Comparable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case budget = "Income:Budget"
        case executed = "Expenses:Executed"
        case treasury = "Assets:Treasury"
        case carriedOver = "Equity:CarriedOver"
    }

    public let kind: Kind
    public let project: String
    public let source: FundSource

    public init(_ kind: Kind, _ project: String, _ source: FundSource) {
        self.kind = kind; self.project = project; self.source = source
    }

    /// "Income:Budget:Bzgl-2023:Current".
    public var name: String { "\(kind.rawValue):\(Self.component(forProject: project)):\(Self.component(for: source))" }

    public static func < (a: LedgerAccount, b: LedgerAccount) -> Bool { a.name < b.name }

    public static func component(for source: FundSource) -> String {
        switch source {
        case .current: return "Current"
        case .carryover: return "Carryover"
        case .other: return "Other"
        }
    }

    /// A project id as an account component both tools accept (beancount: a capital letter or a
    /// digit, then letters, digits and '-'), one to one, so that no two projects share an
    /// account: `Q`, `_` and `.` are written `QQ`, `QU` and `QD`; an id that starts with a
    /// lowercase letter has it capitalised (bzgl-2023 → Bzgl-2023), any other id gets a leading
    /// `0` (Bzgl → 0Bzgl, 2023_x → 02023QUx). Ids hold only ASCII letters, digits, '-', '_', '.'.
    public static func component(forProject id: String) -> String {
        var escaped = ""
        for character in id {
            switch character {
            case "Q": escaped += "QQ"
            case "_": escaped += "QU"
            case ".": escaped += "QD"
            default: escaped.append(character)
            }
        }
        guard let first = escaped.first, first.isASCII, first.isLowercase else { return "0" + escaped }
        return first.uppercased() + escaped.dropFirst()
    }
}

/// Each account's name, made once and kept: a large export posts to a few hundred accounts
/// millions of times.
public final class AccountNames {
    private var names: [LedgerAccount: String] = [:]

    public init() {}

    public func name(_ account: LedgerAccount) -> String {
        if let name = names[account] { return name }
        let name = account.name
        names[account] = name
        return name
    }
}
