package dev.breakeven.host;

/**
 * A request the host answers with an OpenAI-style error body,
 * {@code {"error":{"message":…,"type":…,"code":…}}}, and this HTTP status.
 */
final class ApiException extends Exception {
    private final int status;
    private final String type;
    private final String code;

    ApiException(int status, String type, String code, String message) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, "invalid_request_error", "invalid_value", message);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String code() {
        return code;
    }
}
