/* Loads cgip_native.dll as the C# module does (LoadLibraryW, then the exported C ABI by name) and sends one
   request envelope through cgip_invoke: `signin_driver.exe <dll> <request.json>`. Prints the status code on the
   first line and the response envelope on the second. Exit 0 when the library answered (whatever the status),
   2 when it could not be loaded or its ABI version is not the expected one. Built with mingw for the
   Windows-under-Wine suite in tests/Run-AllTests.ps1. */
#include <windows.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct { const uint8_t *data; uint64_t len; } Slice;
typedef struct { uint8_t *ptr; uint64_t len; uint64_t capacity; } Vec;
typedef uint32_t (*abi_version_fn)(void);
typedef int32_t (*invoke_fn)(Slice request, void *cancel, Vec *response);
typedef void (*buffer_free_fn)(Vec buffer);

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: signin_driver <dll> <request.json> <abi-version>\n"); return 2; }
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) { fprintf(stderr, "LoadLibrary failed: %lu\n", GetLastError()); return 2; }
    abi_version_fn abi_version = (abi_version_fn)GetProcAddress(lib, "cgip_abi_version");
    invoke_fn invoke = (invoke_fn)GetProcAddress(lib, "cgip_invoke");
    buffer_free_fn buffer_free = (buffer_free_fn)GetProcAddress(lib, "cgip_buffer_free");
    if (!abi_version || !invoke || !buffer_free) { fprintf(stderr, "missing C ABI exports\n"); return 2; }
    if (abi_version() != (uint32_t)atoi(argv[3])) { fprintf(stderr, "ABI version %u\n", abi_version()); return 2; }

    FILE *f = fopen(argv[2], "rb");
    if (!f) { fprintf(stderr, "cannot open %s\n", argv[2]); return 2; }
    static uint8_t request[65536];
    size_t len = fread(request, 1, sizeof request, f);
    fclose(f);

    Slice slice = { request, len };
    Vec response = { 0 };
    int32_t status = invoke(slice, NULL, &response);
    printf("%d\n", status);
    fwrite(response.ptr, 1, (size_t)response.len, stdout);
    printf("\n");
    buffer_free(response);
    return 0;
}
