using System;
using System.Threading;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Native;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// One service operation as the cmdlets call it: its name, the session's response type, how its answer reads
    /// off the native buffer and what of it history may keep.
    /// </summary>
    internal abstract class ServiceCall
    {
        protected ServiceCall(string name, string responseTypeName) { Name = name; ResponseTypeName = responseTypeName; }

        public string Name { get; }
        public string ResponseTypeName { get; }
        public Type ResponseType => SdkTypes.Named(ResponseTypeName);

        /// <summary>Sends the envelope; the response in the session's type, and the copy history keeps.</summary>
        public abstract (object Response, object ForHistory) Invoke(byte[] request, CancellationToken cancel, bool includeSensitive);
    }

    internal sealed class ServiceCall<TAnswer> : ServiceCall where TAnswer : class
    {
        private readonly ResponseParser<TAnswer> _parser;
        private readonly Func<TAnswer, TAnswer> _withoutSecrets;

        public ServiceCall(string name, string responseTypeName, ResponseParser<TAnswer> parser, Func<TAnswer, TAnswer> withoutSecrets)
            : base(name, responseTypeName)
        {
            _parser = parser;
            _withoutSecrets = withoutSecrets;
        }

        public override (object Response, object ForHistory) Invoke(byte[] request, CancellationToken cancel, bool includeSensitive)
        {
            var answer = NativeCore.Invoke(request, cancel, _parser);
            var response = SdkTypes.Response(ResponseType, answer);
            return (response, includeSensitive ? response : SdkTypes.Response(ResponseType, _withoutSecrets(answer)));
        }
    }
}
