/* A two-turn chat with an agent app: tool actions and streamed tokens as they arrive.
 * The second message continues the first one's session, so the agent remembers it.
 *
 * Environment: as for stream.c. Usage: chat [AGENT_ID]   (default: demo-agent)
 */
#include <airops.h>
#include <stdio.h>
#include <stdlib.h>

static void on_event(const airops_event *event, void *user_data) {
    (void)user_data;
    switch (event->kind) {
    case AIROPS_EVENT_AGENT_ACTION:
        printf("  [tool] %s %s\n", event->data.agent_action.tool, event->data.agent_action.tool_input_json);
        break;
    case AIROPS_EVENT_AGENT_ACTION_ERROR:
        printf("  [tool error] %s: %s\n", event->data.agent_action_error.tool, event->data.agent_action_error.tool_error);
        break;
    case AIROPS_EVENT_AGENT_RESPONSE:
        printf("%s%s", event->data.agent_response.token, event->data.agent_response.stream_finished ? "\n" : "");
        break;
    default:
        break;
    }
    fflush(stdout);
}

static int say(airops_client *client, const char *agent, const char *message, char *session, size_t size) {
    airops_execution *execution = NULL;
    airops_result *result = NULL;
    airops_error *error = NULL;
    printf("> %s\n", message);
    if (airops_app_chat(client, agent, message, NULL, session[0] ? session : NULL, on_event, NULL, &execution,
                        &error) != AIROPS_OK ||
        airops_execution_wait(execution, 60000, &result, &error) != AIROPS_OK) {
        fprintf(stderr, "chat: %s\n", airops_error_message(error));
        airops_error_free(error);
        airops_execution_free(execution);
        return 1;
    }
    snprintf(session, size, "%s", airops_execution_session_id(execution));
    airops_result_free(result);
    airops_execution_free(execution);
    return 0;
}

int main(int argc, char **argv) {
    const char *agent = argc > 1 ? argv[1] : "demo-agent";
    const char *user = getenv("AIROPS_USER_ID"), *workspace = getenv("AIROPS_WORKSPACE_ID");
    const char *hashed = getenv("AIROPS_HASHED_USER_ID");
    if (!user || !workspace || !hashed) {
        fprintf(stderr, "set AIROPS_USER_ID, AIROPS_WORKSPACE_ID and AIROPS_HASHED_USER_ID\n");
        return 2;
    }
    airops_options *options = airops_options_new();
    airops_error *error = NULL;
    if (airops_options_load_environment(options, &error) != AIROPS_OK ||
        airops_options_set_identity(options, user, workspace, hashed, &error) != AIROPS_OK) {
        fprintf(stderr, "configure: %s\n", airops_error_message(error));
        airops_error_free(error);
        airops_options_free(options);
        return 1;
    }
    airops_client *client = NULL;
    airops_client_new(options, &client, NULL);
    airops_options_free(options);

    char session[64] = "";
    int status = say(client, agent, "Hello, my name is Ada", session, sizeof session) ||
                 say(client, agent, "What is the weather like?", session, sizeof session);
    printf("session %s\n", session);
    airops_client_free(client);
    return status;
}
