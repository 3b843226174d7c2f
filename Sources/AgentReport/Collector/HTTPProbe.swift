import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP GET for a health check, through Foundation's `URLSession` (libcurl on Linux):
/// `http` and `https`, redirects, proxies from the environment — what a hand-written socket
/// client would have to redo, TLS above all.
///
/// The answer is the status line: the request is cancelled as soon as the response's
/// headers arrive, so a health URL that (wrongly) points at a large file costs nothing, and
/// the latency measured is the time to the first byte of the answer. Bounded twice: the
/// session's own timeouts, and a wait on our side that gives up after `timeout` + 0.5 s
/// whatever the session does.
enum HTTPProbe {
    /// What the GET found.
    struct Answer: Sendable {
        var status: Int?
        var milliseconds: Double?
        var error: String?
    }

    /// GETs `url` within `timeout` seconds.
    static func get(_ url: URL, timeout: Double) -> Answer {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        let recorder = Recorder()
        let session = URLSession(configuration: configuration, delegate: recorder, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = "GET"
        request.setValue("agentreport-sample", forHTTPHeaderField: "User-Agent")
        let task = session.dataTask(with: request)
        recorder.started = ProcessRunner.monotonicSeconds()
        task.resume()
        if recorder.done.wait(timeout: .now() + timeout + 0.5) == .timedOut {
            task.cancel()
            return Answer(status: nil, milliseconds: nil, error: "no answer within \(JSONLine.seconds(timeout))")
        }
        return recorder.answer
    }

    /// The session's delegate: notes the status and time of the response, then cancels.
    private final class Recorder: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        let done = DispatchSemaphore(value: 0)
        var started = 0.0
        private let lock = NSLock()
        private var result = Answer()
        private var signalled = false

        var answer: Answer { lock.withLock { result } }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping (URLSession.ResponseDisposition) -> Void
        ) {
            let elapsed = (ProcessRunner.monotonicSeconds() - started) * 1000
            lock.withLock {
                result.status = (response as? HTTPURLResponse)?.statusCode
                result.milliseconds = elapsed
            }
            completionHandler(.cancel)
            finish()
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            lock.withLock {
                if result.status == nil {
                    result.error = error.map { ($0 as NSError).localizedDescription } ?? "no response"
                }
            }
            finish()
        }

        private func finish() {
            let first = lock.withLock { () -> Bool in
                defer { signalled = true }
                return !signalled
            }
            if first { done.signal() }
        }
    }
}
