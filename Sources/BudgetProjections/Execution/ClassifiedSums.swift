import BudgetModel

/// A project's executed money by classification code (经济分类, 功能分类): the sums a report by
/// class and a derived cost indicator read. Only classified payments are kept; what the project
/// executed without a code is its executed total less these, so an unclassified payment costs
/// the fold nothing.
public struct ClassifiedSums: Equatable, Sendable {
    public private(set) var economic_fen: [String: Int64] = [:]
    public private(set) var functional_fen: [String: Int64] = [:]

    public init() {}

    /// Adds a payment's executed money (negative for a reversal) under its codes.
    mutating func add(economic: String?, functional: String?, fen: Int64) {
        if let economic { economic_fen[economic, default: 0] &+= fen }
        if let functional { functional_fen[functional, default: 0] &+= fen }
    }

    /// The sums by code of one classification.
    public func sums(_ dimension: ClassDimension) -> [String: Int64] {
        dimension == .economic ? economic_fen : functional_fen
    }
}

/// Which classification a payment is grouped by: the economic (`--class`) or the functional
/// (`--function`).
public enum ClassDimension: String, CaseIterable, Sendable {
    case economic = "class"
    case functional = "function"

    public var catalogue: ClassCatalogue { self == .economic ? .economic : .functional }
    /// The heading the forms and the 决算 use.
    public var label: String { self == .economic ? "经济分类" : "功能分类" }
}
