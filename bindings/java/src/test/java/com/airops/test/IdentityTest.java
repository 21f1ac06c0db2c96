package com.airops.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.airops.AirOps;
import com.airops.AirOpsException;
import com.airops.ErrorCode;
import org.junit.jupiter.api.Test;

class IdentityTest {
    @Test
    void s01_hashMatchesTheServersHash() {
        assertEquals(Dev.env("AIROPS_HASHED_USER_ID"), AirOps.hashUserId("demo-api-key", Dev.env("AIROPS_USER_ID")));
    }

    @Test
    void s01_emptyKeyIsAnInvalidArgument() {
        AirOpsException error = Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.hashUserId("", "user"));
        assertEquals(0, error.httpStatus());
        Dev.assertFails(ErrorCode.INVALID_ARGUMENT, () -> AirOps.hashUserId(null, "user"));
    }
}
