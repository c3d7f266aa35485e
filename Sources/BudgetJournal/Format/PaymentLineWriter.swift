import BudgetText
import BudgetModel
import BudgetJSON
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the unchained body of a payment line (see `EventEncoder.unchainedBody`) straight into
/// bytes: a batch import writes hundreds of thousands of them, and building each through a
/// String was most of the cost. Numbers and dates are written digit by digit, through a pointer
/// into room made for the line (`bytesMax`), and the quoted form of the last `recorded` time is
/// kept, since a batch shares one. The bytes are exactly those of the general encoder (tested).
struct PaymentLineWriter {
    private var lastRecorded: (text: String, quoted: [UInt8])?
    /// The texts that last passed `problem`, each as the field it was checked as: a batch gives
    /// every line one recorded time, and runs of one project, payee or memo. A text of the same
    /// bytes as the last that passed passes again, unchecked; a chunk checked every one, once a
    /// line, for a tenth of its encoding.
    private var passed = PassedTexts()

    private struct PassedTexts {
        var recorded: String?, project: String?, voucher: String?, economicClass: String?, functionalClass: String?
        var payee: String?, memo: String?
    }

    /// The most bytes `write` takes for the payment: its members' names (171 bytes), at most
    /// 24 for each number and date (a year is in `Limits.yearRange`, an Int64 at most 20
    /// digits and a sign), and each text escaped at its longest.
    static func bytesMax(_ line: PaymentLine, recorded: String) -> Int {
        let payment = line.payment
        func most(_ text: String?) -> Int { text.map(ByteCursor.quotedBytesMax) ?? 0 }
        return namesBytes + 4 * 24 + most(line.id) + most(recorded) + most(payment.project) + payment.source.rawValue.utf8.count
            + most(payment.voucher) + most(payment.economicClass) + most(payment.functionalClass) + most(payment.payee) + most(payment.memo)
    }

    /// Every literal `write` may write, summed, with room to spare.
    private static let namesBytes = 192

    mutating func write(_ line: PaymentLine, recorded: String, to out: inout ByteCursor) {
        let payment = line.payment
        out.literal("{\"v\":1,\"seq\":")
        DecimalDigits.append(line.seq, to: &out)
        out.literal(",\"id\":")
        out.quoted(line.id)
        out.literal(",\"type\":\"disbursement.made\",\"date\":\"")
        Self.date(line.date, &out)
        out.literal("\",\"recorded\":")
        // The same bytes, not merely equal Strings: `==` says whether two texts are canonically
        // equivalent ("é", and "e" followed by a combining accent), which is not the same line.
        if let lastRecorded, Self.sameBytes(lastRecorded.text, recorded) {
            lastRecorded.quoted.withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            var quoted: [UInt8] = []
            JSONWriter.appendQuoted(recorded, to: &quoted)
            quoted.withUnsafeBytes { out.append(contentsOf: $0) }
            lastRecorded = (recorded, quoted)
        }
        out.literal(",\"project\":")
        out.quoted(payment.project)
        out.literal(",\"source\":\"")
        var source = payment.source.rawValue
        source.withUTF8 { out.append(contentsOf: UnsafeRawBufferPointer($0)) }
        out.literal("\",\"amount\":\"")
        Self.yuan(payment.amount, &out)
        out.append(UInt8(ascii: "\""))
        Self.member(",\"voucher\":", payment.voucher, &out)
        Self.member(",\"class\":", payment.economicClass, &out)
        Self.member(",\"function\":", payment.functionalClass, &out)
        Self.member(",\"payee\":", payment.payee, &out)
        Self.member(",\"memo\":", payment.memo, &out)
        if let amends = payment.amends {
            out.literal(",\"amends\":")
            DecimalDigits.append(amends, to: &out)
        }
        out.literal(",\"prev\":\"")
    }

    /// What `BatchEncoder.problem(of:)` says of a payment, from its fields directly: checked
    /// through the field table, a batch of a hundred thousand payments spent a tenth of its time
    /// on key paths. The same rules, fields and words (tested against it). A text of the same
    /// bytes as the last that passed as the same field is not checked again.
    mutating func problem(ofNext line: PaymentLine, recorded: String) -> Message? {
        let payment = line.payment
        func check(_ text: String, _ last: inout String?, _ problem: (String) -> Message?) -> Message? {
            if let last, Self.sameBytes(last, text) { return nil }
            if let found = problem(text) { return found }
            last = text
            return nil
        }
        // The first byte, not `hasPrefix`, which compares through `memcmp`, twice a line.
        let derived = line.id.utf8.first == UInt8(ascii: "@")
        if !derived, Identifier.problem(with: line.id) != nil { return Message(.idIsNotValidId) }
        if derived, line.id != "@\(line.seq)" { return Message(.idIsNotValidId) }
        if let problem = check(recorded, &passed.recorded, FreeText.problem(with:)) { return Message(.quotedFieldThen, "recorded", problem) }
        if let problem = check(payment.project, &passed.project, Identifier.problem(with:)) { return Message(.quotedFieldThen, "project", problem) }
        guard payment.amount.fen > 0 else { return Message(.quotedFieldThen, "amount", Message(.mustBePositive)) }
        if let voucher = payment.voucher, let problem = check(voucher, &passed.voucher, { FreeText.problem(with: $0) ?? FieldCheck.voucher.problem($0) }) {
            return Message(.quotedFieldThen, "voucher", problem)
        }
        if let code = payment.economicClass, let problem = check(code, &passed.economicClass, FieldCheck.classCode.problem) { return Message(.quotedFieldThen, "class", problem) }
        if let code = payment.functionalClass, let problem = check(code, &passed.functionalClass, FieldCheck.classCode.problem) { return Message(.quotedFieldThen, "function", problem) }
        if let payee = payment.payee, let problem = check(payee, &passed.payee, FreeText.problem(with:)) { return Message(.quotedFieldThen, "payee", problem) }
        if let memo = payment.memo, let problem = check(memo, &passed.memo, FreeText.problem(with:)) { return Message(.quotedFieldThen, "memo", problem) }
        if let amends = payment.amends, !(1...Int64(Limits.eventsMax)).contains(amends) { return Message(.quotedFieldThen, "amends", Message(.isNotIntegerIn, 1, Limits.eventsMax)) }
        return nil
    }

    /// Whether two texts are the same bytes, compared where they lie: the generic views'
    /// `elementsEqual`, once a line, cost more than writing the time.
    static func sameBytes(_ one: String, _ other: String) -> Bool {
        // A String is two words: a short text's bytes themselves, or a long one's count and
        // storage. The same two words are the same bytes; a batch's texts mostly are (a short
        // project or payee, the shared recorded time), and comparing them in place, through
        // `memcmp` on copies of the short ones, was a fortieth of an import's processor time.
        if MemoryLayout<String>.size == 16,
           unsafeBitCast(one, to: (UInt64, UInt64).self) == unsafeBitCast(other, to: (UInt64, UInt64).self) { return true }
        return one.utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in
                a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
            }
        }.flatMap { $0 } ?? one.utf8.elementsEqual(other.utf8)
    }

    /// An optional text member, `key` holding its comma, name and colon; nothing when absent.
    private static func member(_ key: StaticString, _ value: String?, _ out: inout ByteCursor) {
        guard let value else { return }
        out.literal(key)
        out.quoted(value)
    }

    /// As `BusinessDate.text`: YYYY-MM-DD, digit by digit. The one writer of a date's bytes: a
    /// journal line has one, and a checkpoint one for each of its totals.
    static func date(_ date: BusinessDate, _ out: inout some ByteSink) {
        DecimalDigits.append(UInt64(date.year), minimumDigits: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.month), minimumDigits: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        DecimalDigits.append(UInt64(date.day), minimumDigits: 2, to: &out)
    }

    /// As `Money.yuanText`.
    static func yuan(_ amount: Money, _ out: inout some ByteSink) {
        if amount.fen < 0 { out.append(UInt8(ascii: "-")) }
        let magnitude = amount.fen.magnitude
        DecimalDigits.append(magnitude / 100, minimumDigits: 1, to: &out)
        out.append(UInt8(ascii: "."))
        DecimalDigits.append(magnitude % 100, minimumDigits: 2, to: &out)
    }
}
