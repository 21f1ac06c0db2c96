package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.airops.AirOps;
import com.airops.ErrorCode;
import com.airops.Execution;
import com.airops.ExecutionState;
import org.junit.jupiter.api.Test;

class CancelTest {
    @Test
    void s09_cancelEndsInCancelled() {
        try (AirOps client = Dev.identified().build();
                Execution execution = client.execute("slow-echo", "{\"text\": \"never finished\"}")) {
            execution.cancel();
            assertEquals(ExecutionState.CANCELLED, execution.await(Dev.WAIT).state());
            execution.cancel(); // cancelling a cancelled execution succeeds again
        }
    }

    @Test
    void cancellingAFinishedExecutionIsABadRequest() {
        try (AirOps client = Dev.identified().build();
                Execution execution = client.execute("hello-world", "{\"name\": \"Ada\"}")) {
            execution.await(Dev.WAIT);
            assertEquals(400, Dev.assertFails(ErrorCode.BAD_REQUEST, execution::cancel).httpStatus());
        }
    }
}
