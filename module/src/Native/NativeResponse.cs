using System;

namespace CognitoAdminAuth.Native
{
    /// <summary>Reads an answer of the native core in place; the buffer is Rust's and is wiped once this returns.</summary>
    internal delegate T ResponseParser<out T>(ReadOnlySpan<byte> json);

    internal static class NativeResponse
    {
        public static T Read<T>(int status, ReadOnlySpan<byte> body, ResponseParser<T> parse)
        {
            if (status != 0) throw NativeCallException.FromJson(body);
            return parse(body);
        }
    }
}
