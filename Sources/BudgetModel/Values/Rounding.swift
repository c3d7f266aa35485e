/// Half-up rounding (四舍五入) of exact quotients, the rule the forms use. Intermediate
/// products are taken in 128 bits so that `amount × 10_000` cannot overflow.
public enum Rounding {
    /// `numerator ÷ denominator` rounded half away from zero. The denominator must be positive.
    public static func divideHalfUp(_ numerator: Int128, by denominator: Int128) -> Int128 {
        precondition(denominator > 0, "rounding divides by a positive denominator")
        let magnitude = numerator.magnitude
        let quotient = (magnitude * 2 + UInt128(denominator)) / (UInt128(denominator) * 2)
        return numerator < 0 ? -Int128(quotient) : Int128(quotient)
    }
}
