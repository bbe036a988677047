/* For the Wine test run only (scripts/test-packages.sh); never shipped.
 *
 * Rust's standard library on Windows takes its random bytes from ProcessPrng in
 * bcryptprimitives.dll (Windows 10 and later have it). Debian's Wine 8.0 does not, so tsudoi.exe
 * would not even start there. This DLL gives Wine the one function, forwarded to RtlGenRandom
 * (advapi32's SystemFunction036), which Wine implements with the system's random source. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
