/// Decimal digits of an integer, appended as bytes: the checkpoint and the batch encoder write
/// hundreds of thousands of numbers, and a String for each was most of the cost.
enum DecimalDigits {
    /// As `String(value)`.
    static func append(_ value: Int64, to out: inout some ByteSink) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        append(value.magnitude, minimumDigits: 1, to: &out)
    }

    /// Zero-padded on the left to `minimumDigits`, which is at most 24.
    static func append(_ value: UInt64, minimumDigits: Int, to out: inout some ByteSink) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: room for 20 digits
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumDigits
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }
}
