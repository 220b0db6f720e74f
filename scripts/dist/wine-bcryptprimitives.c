/* A stand-in for Windows' bcryptprimitives.dll, for running Factdesk under Wine 8 (Debian 12)
 * in `make dist-check` only: Go's runtime calls ProcessPrng from that DLL, which Windows 10 and
 * later have and Wine 8 lacks. It draws from bcrypt.dll's system RNG, as Windows does. It is
 * never shipped. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG n = size > 0x10000000 ? 0x10000000 : (ULONG)size;
		if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
			return FALSE;
		data += n;
		size -= n;
	}
	return TRUE;
}
