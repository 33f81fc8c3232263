using System;
using System.Collections.Generic;
using System.Text.Json;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// Writes the request envelope the native core reads: operation first, client settings, the operation's
    /// input, and what the core needs beside the AWS request and never sends (client secret, device secret,
    /// challenge parameters). Every member's name and shape comes from the Rust contract (Names.g.cs,
    /// Contract.g.cs); null members are left out.
    /// </summary>
    internal static class NativeRequest
    {
        /// <param name="clientSecret">The app client's secret, for SECRET_HASH; not sent to the service.</param>
        /// <param name="device">A remembered device's group key and password, for DEVICE_SRP_AUTH; not sent either.</param>
        /// <param name="challengeParameters">The answered challenge's parameters, whose SECRET_BLOCK finds the SRP exchange to sign; not sent.</param>
        /// <param name="totpSecret">A registered authenticator's secret, for the current code where one is wanted; not sent.</param>
        public static byte[] Create(string operation, ClientSettings client, IContractWriter input,
            string clientSecret = null, DeviceSecret device = null, Dictionary<string, string> challengeParameters = null, string totpSecret = null) =>
            Write(w =>
            {
                w.WriteString(NativeNames.Envelope.Operation, operation);
                ContractJson.Write(w, NativeNames.Envelope.Client, client);
                ContractJson.Write(w, NativeNames.Envelope.Input, input);
                ContractJson.Write(w, NativeNames.Envelope.ClientSecret, clientSecret);
                ContractJson.Write(w, NativeNames.Envelope.Device, device);
                ContractJson.Write(w, NativeNames.Envelope.ChallengeParameters, challengeParameters);
                ContractJson.Write(w, NativeNames.Envelope.TotpSecret, totpSecret);
            });

        /// <summary>A building-block operation of the native core: no client, no service call.</summary>
        public static byte[] Local(string operation, IContractWriter input) => Create(operation, null, input);

        /// <summary>
        /// Sees every envelope as it is made, for tests/SecretsWiped.Tests.ps1 to check later that each was wiped
        /// whatever path the call took; null outside that test.
        /// </summary>
        internal static Action<byte[]> WipeProbe = null;

        private static byte[] Write(Action<Utf8JsonWriter> members)
        {
            using (var buffer = new WipedBufferWriter())
            {
                using (var w = new Utf8JsonWriter(buffer))
                {
                    w.WriteStartObject();
                    members(w);
                    w.WriteEndObject();
                }
                var envelope = buffer.ToArray();
                WipeProbe?.Invoke(envelope);
                return envelope;
            }
        }
    }
}
