public import BaseLinkerModels
import Foundation
import Logging

extension BaseLinkerClient {
    /// Waited out when BaseLinker blocks the token without saying until when, or names an
    /// instant that is not clearly in the future.
    static let blockedFallbackWait: Duration = .seconds(60)
    /// Added to a parsed "blocked until" instant, for clock differences and rounding.
    static let blockedMargin: Duration = .seconds(2)
    /// The most times one call sends its request again after `ERROR_BLOCKED_TOKEN`, whatever
    /// the waits: a token that stays blocked is reported rather than asked again and again.
    static let maxBlockedResends = 10
    /// A wait for the request limit at least this long is told at the default log level, so a
    /// run that seems to stand still says why.
    static let announcedWait: Duration = .seconds(3)

    /// Calls any API method and returns BaseLinker's whole answer object (`status` and the
    /// method's fields at the top level).
    ///
    /// - Parameter parameters: a JSON object (`[:]` sends `parameters={}`).
    /// - Throws: ``BaseLinkerError``; `CancellationError` when the task is cancelled.
    public func call(_ method: String, parameters: JSONValue = [:]) async throws -> JSONValue {
        guard case .object = parameters else {
            throw BaseLinkerError(
                kind: .invalidRequest, method: method,
                message: "parameters must be a JSON object, not \(parameters.excerpt)")
        }
        let body: Data
        do {
            body = try FormEncoding.body(method: method, parameters: parameters)
        } catch {
            throw BaseLinkerError(
                kind: .invalidRequest, method: method,
                message: "parameters cannot be written as JSON: \(redactor("\(error)"))")
        }
        let request = BaseLinkerHTTPRequest(
            url: configuration.url,
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("X-BLToken", configuration.token),
                ("Accept", "application/json"),
            ],
            body: body, method: method, timeout: configuration.requestTimeout)
        return try await send(request, isWrite: Self.isWrite(method))
    }

    /// Reads are the `get*` methods; everything else (`set*`, `add*`, `update*`, `delete*`, and
    /// the rarer `create*`, `run*`, …) may change something and is treated as a write.
    static func isWrite(_ method: String) -> Bool {
        !method.hasPrefix("get")
    }

    private func send(_ request: BaseLinkerHTTPRequest, isWrite: Bool) async throws -> JSONValue {
        let method = request.method
        let policy = configuration.retry
        var log = logger
        log[metadataKey: "baselinker.method"] = "\(method)"
        // `attempts` counts every request sent. The retry policy counts only `failures`, and
        // blocks have their own count and bound, so neither uses up the other's.
        var attempts = 0
        var failures = 0
        var blockedResends = 0
        var blockedWaited: Duration = .zero
        var firstFailure: Duration?
        var blockedWaitedBeforeFirstFailure: Duration = .zero

        while true {
            let limit = rateLimiter.requestsPerMinute
            let slot = try await rateLimiter.acquire { [log, configuration] wait in
                configuration.onWait?(.requestLimit(wait))
                guard wait >= Self.announcedWait else { return }
                log.warning("waiting \(Int(wait.seconds.rounded(.up))) s for BaseLinker's request limit (\(limit) a minute)")
            }
            attempts += 1
            countRequest(method)
            log.debug("sending", metadata: ["attempt": "\(attempts)"])

            let sent: Result<BaseLinkerHTTPResponse, any Error>
            do {
                sent = .success(try await transport.send(request))
            } catch {
                sent = .failure(error)
            }
            // The latest BaseLinker can have counted the request is now: its slot is timed from here.
            await rateLimiter.complete(slot)

            let outcome: AttemptOutcome
            do {
                outcome = ResponseReading.outcome(of: try sent.get())
            } catch let error as CancellationError {
                throw error
            } catch let error as BaseLinkerTransportError {
                outcome = .failed(transportFailure(error.reason, mayHaveBeenSent: error.stage == .maybeSent))
            } catch {
                if Task.isCancelled { throw CancellationError() }
                outcome = .failed(transportFailure("\(error)", mayHaveBeenSent: true))
            }

            switch outcome {
            case .success(let answer):
                return answer

            case .apiError(let code, let message, let status) where code == .blockedToken:
                let wait = try blockedWait(
                    message: message, status: status, alreadyWaited: blockedWaited,
                    resends: blockedResends, method: method, attempts: attempts)
                blockedWaited += wait
                blockedResends += 1
                configuration.onWait?(.blockedToken(wait))
                log.warning(
                    "BaseLinker blocked the token for too many requests; waiting \(Int(wait.seconds.rounded(.up))) s before sending again",
                    metadata: ["message": "\(redactor(message))"])
                await rateLimiter.hold(for: wait)
                await rateLimiter.slowDown()

            case .apiError(let code, let message, let status):
                throw BaseLinkerError(
                    kind: .api, method: method, code: code, message: redactor(message),
                    httpStatus: (200..<300).contains(status) ? nil : status, attempts: attempts)

            case .failed(let failure):
                let error = BaseLinkerError(
                    kind: failure.kind, method: method, message: redactor(failure.message),
                    httpStatus: failure.httpStatus, bodyExcerpt: failure.bodyExcerpt.map(redactor.callAsFunction),
                    attempts: attempts)
                guard failure.transient else { throw error }
                if isWrite && failure.mayHaveBeenProcessed {
                    var inDoubt = error
                    inDoubt.kind = .inDoubt
                    log.warning("write may or may not have been applied", metadata: ["reason": "\(error)"])
                    throw inDoubt
                }
                failures += 1
                let now = clock.uptime()
                let delay = policy.delay(afterAttempt: failures)
                if firstFailure == nil {
                    firstFailure = now
                    blockedWaitedBeforeFirstFailure = blockedWaited
                }
                // Time spent waiting out a block is not time spent retrying.
                let elapsed = now - (firstFailure ?? now) - (blockedWaited - blockedWaitedBeforeFirstFailure)
                guard failures < policy.maxAttempts, elapsed + delay <= policy.maxTotalTime else {
                    log.warning("giving up", metadata: ["reason": "\(error)"])
                    throw error
                }
                log.warning(
                    "request failed; retrying",
                    metadata: [
                        "attempt": "\(failures)", "delay_ms": "\(Int(delay.seconds * 1000))",
                        "reason": "\(error)",
                    ])
                try await clock.sleep(for: delay)
            }
        }
    }

    private func transportFailure(_ reason: String, mayHaveBeenSent: Bool) -> AttemptFailure {
        AttemptFailure(
            kind: .transport, message: reason, transient: true,
            mayHaveBeenProcessed: mayHaveBeenSent)
    }

    /// How long to wait out a blocked token, or the error when that would pass the bound on
    /// the total wait or on the re-sends.
    private func blockedWait(
        message: String, status: Int, alreadyWaited: Duration, resends: Int, method: String,
        attempts: Int
    ) throws(BaseLinkerError) -> Duration {
        let bound = configuration.maxBlockedWait
        let (wait, date) = BlockedToken.wait(
            message: message, now: clock.date(), margin: Self.blockedMargin,
            fallback: Self.blockedFallbackWait)
        let until = date.map { " until \(Self.warsawText($0))" } ?? ""
        let stillBlocked = alreadyWaited > .zero
            ? "after waiting \(Int(alreadyWaited.seconds)) s it is still blocked\(until)"
            : "it is blocked\(until)"
        var reason: String?
        if resends >= Self.maxBlockedResends {
            reason = "after \(resends) re-sends over \(Int(alreadyWaited.seconds)) s it is still blocked\(until); "
                + "one call sends a request again at most \(Self.maxBlockedResends) times"
        } else if alreadyWaited + wait > bound {
            reason = "\(stillBlocked); waiting \(Int(wait.seconds)) s more would pass the \(Int(bound.seconds)) s bound"
        }
        if let reason {
            throw BaseLinkerError(
                kind: .blocked, method: method, code: .blockedToken,
                message: "BaseLinker's request limit was exceeded and \(reason). "
                    + "Try again later, and check what else uses this token. "
                    + "BaseLinker said: \(redactor(message))",
                httpStatus: (200..<300).contains(status) ? nil : status, attempts: attempts)
        }
        return wait
    }

    private static func warsawText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = BlockedToken.timeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date) + " Europe/Warsaw"
    }
}
