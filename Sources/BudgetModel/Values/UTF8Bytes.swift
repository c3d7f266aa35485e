/// Checks UTF-8 without making a String: an import checks hundreds of thousands of fields, and
/// `String(validating:)` allocates for each (RFC 3629: no overlong forms, no surrogates, nothing
/// past U+10FFFF).
public enum UTF8Bytes {
    public static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                // Mostly ASCII (dates, times, ids): eight bytes at a time while none has its high bit.
                index += 1
                while count - index >= 8,
                      UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { index += 8 }
                continue
            }
            // A Chinese character is three bytes whose lead is neither E0 nor ED (the two leads
            // whose second byte has a narrower range): lead and two continuations at once.
            if count - index >= 3, lead >= 0xE1, lead != 0xED, lead <= 0xEF,
               bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 {
                index += 3
                continue
            }
            // The second byte's range depends on the lead; the rest are plain continuations.
            let length: Int, low: UInt8, high: UInt8
            switch lead {
            case 0xC2...0xDF: (length, low, high) = (2, 0x80, 0xBF)
            case 0xE0: (length, low, high) = (3, 0xA0, 0xBF)
            case 0xE1...0xEC, 0xEE...0xEF: (length, low, high) = (3, 0x80, 0xBF)
            case 0xED: (length, low, high) = (3, 0x80, 0x9F)
            case 0xF0: (length, low, high) = (4, 0x90, 0xBF)
            case 0xF1...0xF3: (length, low, high) = (4, 0x80, 0xBF)
            case 0xF4: (length, low, high) = (4, 0x80, 0x8F)
            default: return false
            }
            guard count - index >= length, (low...high).contains(bytes[index + 1]) else { return false }
            for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            index += length
        }
        return true
    }
}
