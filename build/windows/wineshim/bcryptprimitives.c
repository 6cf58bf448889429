/*
 * Test scaffolding for running Mentorbog under Wine 8 (Debian 12); never
 * shipped. Go >= 1.22 loads ProcessPrng from bcryptprimitives.dll when a
 * Windows program starts, and Wine 8 has no such DLL, so every Go program
 * dies at once ("bcryptprimitives.dll not found"). This DLL exports
 * ProcessPrng and fills the buffer with RtlGenRandom (advapi32's
 * SystemFunction036), which Wine has. Real Windows 10 and 11 ship the real
 * DLL in system32.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
