import Foundation
import Testing

@testable import AgentReport

@Suite struct FlatJSONParserTests {
    /// The fields of `text` as (key, decoded value text) pairs, or the failure.
    func parse(_ text: String) -> Result<[(String, String)], FlatJSONParser.Failure> {
        var parser = FlatJSONParser()
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { line in
            do throws(FlatJSONParser.Failure) {
                try parser.parse(line)
            } catch {
                return .failure(error)
            }
            return .success(parser.fields.map { field in
                let key = JSONText.string(UnsafeBufferPointer(rebasing: line[field.keyStart..<field.keyEnd]), escaped: field.keyEscaped)
                let value: String
                switch field.value {
                case .string(let s, let e, let escaped): value = JSONText.string(UnsafeBufferPointer(rebasing: line[s..<e]), escaped: escaped)
                case .number(let s, let e), .raw(let s, let e, _): value = String(decoding: line[s..<e], as: UTF8.self)
                case .bool(let b): value = "\(b)"
                case .null: value = "null"
                }
                return (key, value)
            })
        }
    }

    func fields(_ text: String) throws -> [String] {
        try parse(text).get().map { "\($0.0)=\($0.1)" }
    }

    @Test func flatObjectWithEveryScalarType() throws {
        #expect(try fields(#" { "a" : "x" , "b":-1.5e3,"c":true,"d":false,"e":null,"f":0 } "#)
                == ["a=x", "b=-1.5e3", "c=true", "d=false", "e=null", "f=0"])
        #expect(try fields("{}") == [])
    }

    @Test func escapesAreDecoded() throws {
        #expect(try fields(#"{"k\"ey":"a\"b\\c\/d\b\f\n\r\t"}"#) == ["k\"ey=a\"b\\c/d\u{08}\u{0C}\n\r\t"])
    }

    @Test func unicodeEscapesIncludingSurrogatePairs() throws {
        #expect(try fields(#"{"s":"caf\u00e9 \ud83d\ude80 \u4e2d"}"#) == ["s=café 🚀 中"])
        #expect(try fields(#"{"s":"lone \ud83d here"}"#) == ["s=lone \u{FFFD} here"])
        #expect(try fields(#"{"s":"raw UTF-8: naïve 🚀"}"#) == ["s=raw UTF-8: naïve 🚀"])
    }

    @Test func nestedValuesAreCapturedAsRawJSON() throws {
        let text = #"{"details":{"a":[1,{"b":[]},"}"],"c":{}},"top":[[["x"]], {"y": null}],"z":1}"#
        #expect(try fields(text) == [#"details={"a":[1,{"b":[]},"}"],"c":{}}"#, #"top=[[["x"]], {"y": null}]"#, "z=1"])
    }

    @Test func hugeAndTinyNumbersAreKeptAsText() throws {
        #expect(try fields(#"{"a":123456789012345678901234567890,"b":1e308,"c":-0.000000000000000000001}"#)
                == ["a=123456789012345678901234567890", "b=1e308", "c=-0.000000000000000000001"])
    }

    @Test(arguments: [
        (#"{"a":1"#, 6, "unterminated object"),
        (#"{"a":01}"#, 5, "leading zero"),
        (#"{"a":1.}"#, 5, "digits expected"),
        (#"{"a":.5}"#, 5, "invalid value"),
        (#"{"a":tru}"#, 5, "invalid literal"),
        (#"{"a":"x}"#, 5, "unterminated string"),
        (#"{"a":"\x"}"#, 6, "invalid escape"),
        (#"{"a":"\u12G4"}"#, 6, "invalid \\u escape"),
        (#"{a:1}"#, 1, "expected a key"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"{"a":1,}"#, 7, "expected a key"),
        (#"{"a":[1,]}"#, 8, "invalid value"),
        (#"{"a":[1}"#, 7, "expected ','"),
        (#"{"a":1} x"#, 8, "unexpected text"),
        (#"[1,2]"#, 0, "expected a JSON object"),
        ("{\"a\":\"tab\there\"}", 9, "control character"),
    ])
    func malformedLinesFailAtTheRightPlace(text: String, offset: Int, message: String) {
        guard case .failure(let failure) = parse(text) else {
            Issue.record("\(text) was accepted")
            return
        }
        #expect(failure.offset == offset, "\(text): \(failure.message)")
        #expect(failure.message.contains(message), "\(text): \(failure.message)")
    }

    @Test func nestingIsBoundedWithoutRecursion() {
        let deep = "{\"a\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "}"
        guard case .failure(let failure) = parse(deep) else {
            Issue.record("10,000 levels accepted")
            return
        }
        #expect(failure.message.contains("nested more than 64"))
        let ok = "{\"a\":" + String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "}"
        #expect((try? fields(ok).count) == 1)
    }

    @Test func numbersDecodeLikeStrtod() {
        let samples = ["0", "-0", "37.5", "3.1", "0.74", "85.2", "512000000", "1e3", "-2.5E-3", "123456789012345",
                       "1234567890123456789", "0.1", "0.000001", "179769313486231570000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"]
        for text in samples {
            let bytes = Array(text.utf8)
            let value = bytes.withUnsafeBufferPointer { JSONText.double($0) }
            #expect(value == Double(text), "\(text)")
        }
        let overflow = Array("1e400".utf8).withUnsafeBufferPointer { JSONText.double($0) }
        #expect(overflow == nil)
        #expect(Array("9223372036854775807".utf8).withUnsafeBufferPointer { JSONText.int64($0) } == Int64.max)
        #expect(Array("9223372036854775808".utf8).withUnsafeBufferPointer { JSONText.int64($0) } == nil)
        #expect(Array("-42".utf8).withUnsafeBufferPointer { JSONText.int64($0) } == -42)
    }

    @Test func invalidUTF8IsDetected() {
        #expect([UInt8]([0x61, 0xC3, 0xA9]).withUnsafeBufferPointer { JSONText.isValidUTF8($0) })
        #expect(![UInt8]([0x61, 0xC3, 0x28]).withUnsafeBufferPointer { JSONText.isValidUTF8($0) })
        #expect(![UInt8]([0xFF]).withUnsafeBufferPointer { JSONText.isValidUTF8($0) })
    }

    @Test func keysMatchInSnakeAndCamelCase() {
        for (key, field) in [("agent_id", MetricField.agentId), ("agentId", .agentId), ("AGENT_ID", .agentId),
                             ("query_volume_last_hour", .queryVolumeLastHour), ("queryVolumeLastHour", .queryVolumeLastHour),
                             ("kind", .kind), ("alertId", .alertId)] {
            #expect(Array(key.utf8).withUnsafeBufferPointer { MetricField.named($0) } == field, "\(key)")
        }
        for key in ["agent", "agent_idx", "", "gpu_usage"] {
            #expect(Array(key.utf8).withUnsafeBufferPointer { MetricField.named($0) } == nil, "\(key)")
        }
        #expect(MetricField.queryVolumeLastHour.key == "query_volume_last_hour")
    }
}
