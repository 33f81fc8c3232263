/* Drives the C ABI the way the C# module does, for the leak check under valgrind (see src/ffi.rs tests).
   Usage: abi_driver URL ROUNDS. Each round: a good call to URL, a garbage request, a call cancelled before
   it starts, and a cancel token fired and freed. Exits non-zero if a call answers unexpectedly. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const uint8_t *data; uint64_t len; } Slice;
typedef struct { uint8_t *ptr; uint64_t len; uint64_t capacity; } Vec;

extern uint32_t cgip_abi_version(void);
extern void *cgip_cancel_new(void);
extern void cgip_cancel_fire(void *token);
extern void cgip_cancel_free(void *token);
extern int32_t cgip_invoke(Slice request, void *cancel, Vec *response);
extern void cgip_buffer_free(Vec buffer);

static int call(const char *json, void *cancel, int expected) {
    Slice request = { (const uint8_t *)json, strlen(json) };
    Vec response = { 0 };
    int32_t status = cgip_invoke(request, cancel, &response);
    cgip_buffer_free(response);
    if (status != expected) { fprintf(stderr, "status %d, expected %d for %s\n", status, expected, json); return 1; }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 3 || cgip_abi_version() != 1) return 2;
    char good[1024];
    snprintf(good, sizeof good,
             "{\"operation\":\"AdminInitiateAuth\",\"client\":{\"region\":\"us-east-1\",\"endpointUrl\":\"%s\","
             "\"credentials\":{\"accessKeyId\":\"AKID\",\"secretAccessKey\":\"secret\"}},"
             "\"input\":{\"ClientId\":\"c\",\"UserPoolId\":\"p_1\",\"AuthFlow\":\"ADMIN_USER_PASSWORD_AUTH\","
             "\"AuthParameters\":{\"USERNAME\":\"u\",\"PASSWORD\":\"hunter2\"}}}", argv[1]);
    int failures = 0, rounds = atoi(argv[2]);
    for (int i = 0; i < rounds; i++) {
        failures += call(good, NULL, 0);
        failures += call("\xff{not json", NULL, 1);
        void *token = cgip_cancel_new();
        cgip_cancel_fire(token);
        failures += call(good, token, 1);
        cgip_cancel_free(token);
    }
    return failures == 0 ? 0 : 1;
}
