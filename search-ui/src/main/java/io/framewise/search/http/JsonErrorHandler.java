package io.framewise.search.http;

import java.util.Map;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself (a malformed request line or URL, a path or headers too long,
 * a failure outside our handler) as the API's JSON, {@code {"error": "..."}}, like every other
 * answer: never HTML, never an exception's class or message for a server error.
 */
final class JsonErrorHandler extends ErrorHandler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object attribute = request.getAttribute(ERROR_STATUS);
        int status = attribute instanceof Integer i ? i : response.getStatus();
        if (status < 400) {
            status = 500;
        }
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        SearchServer.json(request, response, callback, status, Map.of("error", message(status)));
        return true;
    }

    /** What the client did wrong, in words; nothing of the server's inside. */
    private static String message(int status) {
        return switch (status) {
            case 400 -> "malformed request: the URL or a header is not valid HTTP";
            case 414 -> "the URL is too long";
            case 431 -> "the request's headers are too large";
            case 404 -> "not found";
            case 405 -> "only GET is served";
            default -> status >= 500 ? "internal error" : HttpStatus.getMessage(status);
        };
    }
}
