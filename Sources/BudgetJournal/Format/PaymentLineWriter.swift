import BudgetModel

/// Writes the unchained body of a payment line (see `EventEncoder.unchainedBody`) straight into
/// bytes: a batch import writes hundreds of thousands of them, and building each through a
/// String was most of the cost. Numbers and dates are written digit by digit, and the quoted
/// form of the last `recorded` time is kept, since a batch shares one. The bytes are exactly
/// those of the general encoder (tested).
struct PaymentLineWriter {
    private var lastRecorded: (text: String, quoted: [UInt8])?

    mutating func append(_ event: Event, _ payment: Disbursement, to out: inout [UInt8]) {
        Self.literal("{\"v\":1,\"seq\":", &out)
        Self.decimal(event.seq, &out)
        Self.literal(",\"id\":", &out)
        JSONWriter.appendQuoted(event.id, to: &out)
        Self.literal(",\"type\":\"disbursement.made\",\"date\":\"", &out)
        Self.date(event.date, &out)
        Self.literal("\",\"recorded\":", &out)
        if let lastRecorded, lastRecorded.text == event.recorded {
            out += lastRecorded.quoted
        } else {
            var quoted: [UInt8] = []
            JSONWriter.appendQuoted(event.recorded, to: &quoted)
            out += quoted
            lastRecorded = (event.recorded, quoted)
        }
        Self.literal(",\"project\":", &out)
        JSONWriter.appendQuoted(payment.project, to: &out)
        Self.literal(",\"source\":\"", &out)
        out.append(contentsOf: payment.source.rawValue.utf8)
        Self.literal("\",\"amount\":\"", &out)
        Self.yuan(payment.amount, &out)
        out.append(UInt8(ascii: "\""))
        if let payee = payment.payee {
            Self.literal(",\"payee\":", &out)
            JSONWriter.appendQuoted(payee, to: &out)
        }
        if let memo = payment.memo {
            Self.literal(",\"memo\":", &out)
            JSONWriter.appendQuoted(memo, to: &out)
        }
        Self.literal(",\"prev\":\"", &out)
    }

    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// As `String(value)`.
    static func decimal(_ value: Int64, _ out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        unsigned(value.magnitude, minimumDigits: 1, &out)
    }

    private static func unsigned(_ value: UInt64, minimumDigits: Int, _ out: inout [UInt8]) {
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

    /// As `BusinessDate.text`: YYYY-MM-DD.
    static func date(_ date: BusinessDate, _ out: inout [UInt8]) {
        unsigned(UInt64(date.year), minimumDigits: 4, &out)
        out.append(UInt8(ascii: "-"))
        unsigned(UInt64(date.month), minimumDigits: 2, &out)
        out.append(UInt8(ascii: "-"))
        unsigned(UInt64(date.day), minimumDigits: 2, &out)
    }

    /// As `Money.yuanText`.
    static func yuan(_ amount: Money, _ out: inout [UInt8]) {
        if amount.fen < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = amount.fen.magnitude
        unsigned(magnitude / 100, minimumDigits: 1, &out)
        out.append(UInt8(ascii: "."))
        unsigned(magnitude % 100, minimumDigits: 2, &out)
    }
}
