/// Decimal digits of an integer, appended as bytes: the checkpoint and the batch encoder write
/// hundreds of thousands of numbers, and a String for each was most of the cost.
enum DecimalDigits {
    /// As `String(value)`.
    @inline(__always)
    static func append(_ value: Int64, to out: inout some ByteSink) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        append(value.magnitude, minimumDigits: 1, to: &out)
    }

    /// Zero-padded on the left to `minimumDigits`, which is at most 24.
    @inline(__always)
    static func append(_ value: UInt64, minimumDigits: Int, to out: inout some ByteSink) {
        precondition(minimumDigits >= 1 && minimumDigits <= 24, "between 1 and 24 digits")
        var count = 1
        var rest = value / 10
        while rest > 0 { count += 1; rest /= 10 }
        out.appendDigits(of: value, count: Swift.max(count, minimumDigits))
    }

    /// The last `count` digits of `value`, the first at `end - count` and the last at `end - 1`.
    @inline(__always)
    static func write(_ value: UInt64, count: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        var rest = value
        for place in 1...count {
            end[-place] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
