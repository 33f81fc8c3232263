"""Reference values for native/tests/srp_references.rs, computed by pycognito, pyotp and joserfc.

Reads one JSON request on stdin and writes one JSON answer on stdout; every section is optional:

  {"srp":             [{"a_hex", "pool_id", "username", "user_id_for_srp", "password",
                        "salt_hex", "srp_b_hex", "secret_block_b64", "unix_time"}],
   "device_srp":      [{"a_hex", "pool_id", "username", "device_group_key", "device_key",
                        "device_password", "salt_hex", "srp_b_hex", "secret_block_b64", "unix_time"}],
   "device_verifier": [{"device_group_key", "device_key", "password_random_hex", "salt_random_hex"}],
   "timestamps":      [unix_time, ...],
   "secret_hash":     [{"client_secret", "username", "client_id"}],
   "totp":            [{"secret", "unix_time"}],
   "jwt":             [{"header", "claims"}]}

The SRP answers come from pycognito's own code paths: AWSSRP.process_challenge and
AWSSRP.process_device_challenge (signature and TIMESTAMP), with the random private value fixed by replacing
AWSSRP.generate_random_small_a and the clock fixed by replacing the module's `datetime`; the intermediate
values (u, HKDF key) come from AWSSRP's own methods. generate_hash_device runs with os.urandom replaced by
the given bytes. Nothing here re-implements the algorithms.
"""

import base64
import datetime as real_datetime
import hashlib
import hmac
import json
import sys
import types

import pyotp
from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP


class _FixedClock(real_datetime.datetime):
    """Stands in for datetime.datetime inside pycognito.aws_srp; utcnow() returns a fixed time."""

    now_utc = None

    @classmethod
    def utcnow(cls):
        return cls.now_utc


aws_srp.datetime = types.SimpleNamespace(datetime=_FixedClock)


def _utc(unix_time):
    """A naive UTC datetime, as datetime.utcnow() returns."""
    return real_datetime.datetime.fromtimestamp(unix_time, real_datetime.timezone.utc).replace(tzinfo=None)


def _awssrp(case, **device):
    a = int(case["a_hex"], 16)
    AWSSRP.generate_random_small_a = lambda self: a
    # client= keeps AWSSRP from creating a boto3 client; nothing here talks to AWS.
    return AWSSRP(
        username=case["username"],
        password=case.get("password", "unused"),
        pool_id=case["pool_id"],
        client_id="reference-client-id",
        client=object(),
        **device,
    )


def srp(case):
    awssrp = _awssrp(case)
    auth_params = awssrp.get_auth_params()
    big_b = aws_srp.hex_to_long(case["srp_b_hex"])
    _FixedClock.now_utc = _utc(case["unix_time"])
    response = awssrp.process_challenge(
        {
            "USERNAME": case["user_id_for_srp"],
            "USER_ID_FOR_SRP": case["user_id_for_srp"],
            "SALT": case["salt_hex"],
            "SRP_B": case["srp_b_hex"],
            "SECRET_BLOCK": case["secret_block_b64"],
        },
        auth_params,
    )
    hkdf = awssrp.get_password_authentication_key(
        case["user_id_for_srp"], case["password"], big_b, case["salt_hex"]
    )
    return {
        "srp_a_hex": auth_params["SRP_A"],
        "u_hex": aws_srp.long_to_hex(aws_srp.calculate_u(awssrp.large_a_value, big_b)),
        "hkdf_hex": bytes(hkdf).hex(),
        "signature_b64": response["PASSWORD_CLAIM_SIGNATURE"],
        "timestamp": response["TIMESTAMP"],
    }


def device_srp(case):
    awssrp = _awssrp(
        case,
        device_key=case["device_key"],
        device_group_key=case["device_group_key"],
        device_password=case["device_password"],
    )
    big_b = aws_srp.hex_to_long(case["srp_b_hex"])
    # process_device_challenge formats its TIMESTAMP with strftime + re.sub rather than
    # get_cognito_formatted_timestamp: a second, independent formatter.
    _FixedClock.now_utc = _utc(case["unix_time"])
    response = awssrp.process_device_challenge(
        {
            "USERNAME": case["username"],
            "SALT": case["salt_hex"],
            "SRP_B": case["srp_b_hex"],
            "SECRET_BLOCK": case["secret_block_b64"],
        }
    )
    hkdf = awssrp.get_device_authentication_key(
        case["device_group_key"], case["device_key"], case["device_password"], big_b, case["salt_hex"]
    )
    return {
        "srp_a_hex": aws_srp.long_to_hex(awssrp.large_a_value),
        "hkdf_hex": bytes(hkdf).hex(),
        "signature_b64": response["PASSWORD_CLAIM_SIGNATURE"],
        "timestamp": response["TIMESTAMP"],
    }


def device_verifier(case):
    queue = [bytes.fromhex(case["password_random_hex"]), bytes.fromhex(case["salt_random_hex"])]

    def urandom(n):
        chunk = queue.pop(0)
        assert len(chunk) == n, f"pycognito asked for {n} random bytes, the test supplied {len(chunk)}"
        return chunk

    real_os = aws_srp.os
    aws_srp.os = types.SimpleNamespace(urandom=urandom)
    try:
        password, config = aws_srp.generate_hash_device(case["device_group_key"], case["device_key"])
    finally:
        aws_srp.os = real_os
    assert not queue, "pycognito did not use all the random bytes supplied"
    return {
        "device_password": password,
        "password_verifier_b64": config["PasswordVerifier"],
        "salt_b64": config["Salt"],
    }


def timestamp(unix_time):
    return AWSSRP.get_cognito_formatted_timestamp(_utc(unix_time))


def secret_hash(case):
    one_liner = base64.b64encode(
        hmac.new(
            case["client_secret"].encode(), (case["username"] + case["client_id"]).encode(), hashlib.sha256
        ).digest()
    ).decode()
    return {
        "pycognito": AWSSRP.get_secret_hash(case["username"], case["client_id"], case["client_secret"]),
        "hmac_one_liner": one_liner,
    }


def totp(case):
    return pyotp.TOTP(case["secret"]).at(case["unix_time"])


def jwt(case):
    from joserfc import jwt as joserfc_jwt
    from joserfc.jwk import OctKey

    key = OctKey.import_key("reference-hmac-key-of-sufficient-length")
    token = joserfc_jwt.encode(case["header"], case["claims"], key)
    decoded = joserfc_jwt.decode(token, key)
    return {"token": token, "header": decoded.header, "claims": decoded.claims}


SECTIONS = {
    "srp": srp,
    "device_srp": device_srp,
    "device_verifier": device_verifier,
    "timestamps": timestamp,
    "secret_hash": secret_hash,
    "totp": totp,
    "jwt": jwt,
}


def main():
    request = json.load(sys.stdin)
    unknown = set(request) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"unknown sections: {sorted(unknown)}")
    answer = {name: [SECTIONS[name](case) for case in cases] for name, cases in request.items()}
    json.dump(answer, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
