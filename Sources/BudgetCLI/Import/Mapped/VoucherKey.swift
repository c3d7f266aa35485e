import BudgetModel
import BudgetJournal

/// The id of a payment whose file gives no id column: made from its voucher number, which the
/// treasury never gives twice. A voucher may hold any printable character, an id only ASCII
/// letters, digits, '-', '_' and '.': every other byte is written `_XX` in hex (and '_' itself
/// too, so that two vouchers never make one id). An id that would pass the id length limit keeps
/// its start and ends with 16 hex digits of the voucher's SHA-256.
enum VoucherKey {
    static let prefix = "v-"

    static func id(_ voucher: String) -> String {
        var id = prefix
        for byte in voucher.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."):
                id.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                id += "_" + hex(byte)
            }
        }
        guard id.utf8.count > Limits.idBytesMax else { return id }
        let digest = String(SHA256.hash(voucher).hex.prefix(16))
        return String(id.utf8.prefix(Limits.idBytesMax - 17))! + "." + digest
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
