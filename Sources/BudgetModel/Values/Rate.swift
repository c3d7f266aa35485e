/// 执行率: an execution rate in basis points of a percent (0.01%), as the forms print it
/// ("71.90%"). 10_000 is 100%.
public struct Rate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let basisPoints: Int64

    public init(basisPoints: Int64) { self.basisPoints = basisPoints }
    public static func < (a: Rate, b: Rate) -> Bool { a.basisPoints < b.basisPoints }

    /// `part ÷ whole`, rounded half-up to 0.01%. Nil when the whole is not positive: a rate of
    /// an empty budget is undefined, and the forms leave that cell blank.
    public static func of(_ part: Money, over whole: Money) -> Rate? {
        guard whole.fen > 0 else { return nil }
        return Rate(basisPoints: Int64(Rounding.divideHalfUp(Int128(part.fen) * 10_000, by: Int128(whole.fen))))
    }

    /// `part ÷ whole` rounded half-up to `decimals` decimals of a percent (0...2), still held in
    /// basis points: at one decimal 98.8357…% is 98.80%. Nil when the whole is not positive.
    public static func of(_ part: Money, over whole: Money, decimals: Int) -> Rate? {
        guard whole.fen > 0, (0...2).contains(decimals) else { return nil }
        let step: Int128 = decimals == 2 ? 1 : decimals == 1 ? 10 : 100
        let steps = Rounding.divideHalfUp(Int128(part.fen) * 10_000, by: Int128(whole.fen) * step)
        return Rate(basisPoints: Int64(steps * step))
    }

    /// The percentage with two decimals and no sign: "71.90".
    public var percentText: String {
        let magnitude = basisPoints.magnitude
        let fraction = magnitude % 100
        return "\(basisPoints < 0 ? "-" : "")\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var description: String { percentText + "%" }
}
