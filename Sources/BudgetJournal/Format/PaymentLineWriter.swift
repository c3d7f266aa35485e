import BudgetText
import BudgetModel
import BudgetJSON

/// Writes the unchained body of a payment line (see `EventEncoder.unchainedBody`) straight into
/// bytes: a batch import writes hundreds of thousands of them, and building each through a
/// String was most of the cost. Numbers and dates are written digit by digit, and the quoted
/// form of the last `recorded` time is kept, since a batch shares one. The bytes are exactly
/// those of the general encoder (tested).
struct PaymentLineWriter {
    private var lastRecorded: (text: String, quoted: [UInt8])?

    mutating func append(_ event: Event, _ payment: Disbursement, to out: inout [UInt8]) {
        Self.literal("{\"v\":1,\"seq\":", &out)
        DecimalDigits.append(event.seq, to: &out)
        Self.literal(",\"id\":", &out)
        JSONWriter.appendQuoted(event.id, to: &out)
        Self.literal(",\"type\":\"disbursement.made\",\"date\":\"", &out)
        Self.date(event.date, &out)
        Self.literal("\",\"recorded\":", &out)
        // The same bytes, not merely equal Strings: `==` says whether two texts are canonically
        // equivalent ("é", and "e" followed by a combining accent), which is not the same line.
        if let lastRecorded, lastRecorded.text.utf8.elementsEqual(event.recorded.utf8) {
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
        Self.member(",\"voucher\":", payment.voucher, &out)
        Self.member(",\"class\":", payment.economicClass, &out)
        Self.member(",\"function\":", payment.functionalClass, &out)
        Self.member(",\"payee\":", payment.payee, &out)
        Self.member(",\"memo\":", payment.memo, &out)
        if let amends = payment.amends {
            Self.literal(",\"amends\":", &out)
            DecimalDigits.append(amends, to: &out)
        }
        Self.literal(",\"prev\":\"", &out)
    }

    /// What `BatchEncoder.problem(of:)` says of a payment, from its fields directly: checked
    /// through the field table, a batch of a hundred thousand payments spent a tenth of its time
    /// on key paths. The same rules, fields and words (tested against it).
    static func problem(of event: Event, _ payment: Disbursement) -> Message? {
        if !event.id.hasPrefix("@"), Identifier.problem(with: event.id) != nil { return Message(.idIsNotValidId) }
        if event.id.hasPrefix("@"), event.id != "@\(event.seq)" { return Message(.idIsNotValidId) }
        if let problem = FreeText.problem(with: event.recorded) { return Message(.quotedFieldThen, "recorded", problem) }
        if let problem = Identifier.problem(with: payment.project) { return Message(.quotedFieldThen, "project", problem) }
        guard payment.amount.fen > 0 else { return Message(.quotedFieldThen, "amount", Message(.mustBePositive)) }
        if let voucher = payment.voucher, let problem = FreeText.problem(with: voucher) ?? FieldCheck.voucher.problem(voucher) { return Message(.quotedFieldThen, "voucher", problem) }
        if let code = payment.economicClass, let problem = FieldCheck.classCode.problem(code) { return Message(.quotedFieldThen, "class", problem) }
        if let code = payment.functionalClass, let problem = FieldCheck.classCode.problem(code) { return Message(.quotedFieldThen, "function", problem) }
        if let payee = payment.payee, let problem = FreeText.problem(with: payee) { return Message(.quotedFieldThen, "payee", problem) }
        if let memo = payment.memo, let problem = FreeText.problem(with: memo) { return Message(.quotedFieldThen, "memo", problem) }
        if let amends = payment.amends, !(1...Int64(Limits.eventsMax)).contains(amends) { return Message(.quotedFieldThen, "amends", Message(.isNotIntegerIn, 1, Limits.eventsMax)) }
        return nil
    }

    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An optional text member, `key` holding its comma, name and colon; nothing when absent.
    private static func member(_ key: StaticString, _ value: String?, _ out: inout [UInt8]) {
        guard let value else { return }
        literal(key, &out)
        JSONWriter.appendQuoted(value, to: &out)
    }

    /// As `BusinessDate.text`: YYYY-MM-DD, digit by digit. The one writer of a date's bytes: a
    /// journal line has one, and a checkpoint one for each of its totals.
    static func date(_ date: BusinessDate, _ out: inout [UInt8]) {
        DecimalDigits.append(UInt64(date.year), minimumDigits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.month), minimumDigits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.day), minimumDigits: 2, to: &out)
    }

    /// As `Money.yuanText`.
    static func yuan(_ amount: Money, _ out: inout [UInt8]) {
        if amount.fen < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = amount.fen.magnitude
        DecimalDigits.append(magnitude / 100, minimumDigits: 1, to: &out)
        out.append(UInt8(ascii: "."))
        DecimalDigits.append(magnitude % 100, minimumDigits: 2, to: &out)
    }
}
