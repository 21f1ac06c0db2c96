// Identifies an end user, streams an app, and chats with an agent for two turns.
//
// Run it against the dev server, with the jar and JNA on the class path:
//   python3 tests/with_dev_server.py -- java \
//       -cp bindings/java/build/airops.jar:/usr/share/java/jna.jar examples/java/Demo.java
// It reads the server's coordinates from the variables the harness exports (AIROPS_HOST,
// AIROPS_USER_ID, AIROPS_WORKSPACE_ID, AIROPS_API_KEY, AIROPS_REALTIME_URL, AIROPS_PUSHER_KEY).

import com.airops.AirOps;
import com.airops.Event;
import com.airops.EventListener;
import com.airops.Execution;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

public class Demo {
    public static void main(String[] args) throws InterruptedException {
        String userId = System.getenv("AIROPS_USER_ID");
        // Normally computed on your backend, which holds the workspace API key.
        String hashedUserId = AirOps.hashUserId(System.getenv("AIROPS_API_KEY"), userId);

        try (AirOps client = AirOps.builder()
                .loadEnvironment() // AIROPS_HOST, AIROPS_REALTIME_URL, AIROPS_PUSHER_KEY
                .identity(userId, System.getenv("AIROPS_WORKSPACE_ID"), hashedUserId)
                .build()) {
            CountDownLatch streamed = new CountDownLatch(1);
            try (Execution execution = client.executeStream("hello-world", "{\"name\": \"Ada\"}", printer(streamed))) {
                streamed.await(30, TimeUnit.SECONDS);
                System.out.println("status: " + execution.await(Duration.ofSeconds(30)).status());
            }

            String session = null; // the first turn starts a session, the second continues it
            for (String message : new String[] {"Hello, my name is Ada", "What is the weather like?"}) {
                System.out.println("> " + message);
                CountDownLatch answered = new CountDownLatch(1);
                try (Execution turn = client.chat("demo-agent", message, session, printer(answered))) {
                    answered.await(30, TimeUnit.SECONDS);
                    session = turn.sessionId().orElseThrow();
                }
            }
        }
    }

    /** Prints the events of one stream as they come (on the client's delivery thread). */
    static EventListener printer(CountDownLatch completed) {
        return event -> {
            if (event instanceof Event.Chunk chunk) {
                System.out.print(chunk.content());
            } else if (event instanceof Event.AgentResponse response) {
                System.out.print(response.token());
            } else if (event instanceof Event.AgentAction action) {
                System.out.println("[tool " + action.tool() + " " + action.toolInputJson() + "]");
            } else if (event instanceof Event.Completed) {
                System.out.println();
                completed.countDown();
            }
        };
    }
}
