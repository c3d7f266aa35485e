import BudgetModel

/// Writes the unchained body of a payment line (see `EventEncoder.unchainedBody`) straight into
/// bytes: a batch import writes hundreds of thousands of them, and building each through a
/// String was most of the cost. The bytes are exactly those of the general encoder (tested).
enum PaymentLineWriter {
    static func append(_ event: Event, _ payment: Disbursement, to out: inout [UInt8]) {
        literal("{\"v\":1,\"seq\":", &out)
        decimal(event.seq, &out)
        literal(",\"id\":", &out)
        JSONWriter.appendQuoted(event.id, to: &out)
        literal(",\"type\":\"disbursement.made\",\"date\":\"", &out)
        out.append(contentsOf: event.date.text.utf8)
        literal("\",\"recorded\":", &out)
        JSONWriter.appendQuoted(event.recorded, to: &out)
        literal(",\"project\":", &out)
        JSONWriter.appendQuoted(payment.project, to: &out)
        literal(",\"source\":\"", &out)
        out.append(contentsOf: payment.source.rawValue.utf8)
        literal("\",\"amount\":\"", &out)
        out.append(contentsOf: payment.amount.yuanText.utf8)
        out.append(UInt8(ascii: "\""))
        if let payee = payment.payee {
            literal(",\"payee\":", &out)
            JSONWriter.appendQuoted(payee, to: &out)
        }
        if let memo = payment.memo {
            literal(",\"memo\":", &out)
            JSONWriter.appendQuoted(memo, to: &out)
        }
        literal(",\"prev\":\"", &out)
    }

    private static func literal(_ text: StaticString, _ out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func decimal(_ value: Int64, _ out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }
}
