'use strict';
/*
 * Reference values for native/tests/srp_references.rs, computed by amazon-cognito-identity-js (npm).
 *
 * Reads one JSON request on stdin and writes one JSON answer on stdout; every section is optional:
 *
 *   {"srp":             [{a_hex, pool_id, username, user_id_for_srp, password,
 *                         salt_hex, srp_b_hex, secret_block_b64, unix_time}],
 *    "device_srp":      [{a_hex, pool_id, username, device_group_key, device_key,
 *                         device_password, salt_hex, srp_b_hex, secret_block_b64, unix_time}],
 *    "device_verifier": [{device_group_key, device_key, password_random_hex, salt_random_hex}],
 *    "timestamps":      [unix_time, ...]}
 *
 * "srp" runs CognitoUser.authenticateUser (USER_SRP_AUTH) and "device_srp" CognitoUser.getDeviceResponse
 * against a stand-in for the service client that answers InitiateAuth / DEVICE_SRP_AUTH with the given
 * challenge and records what the library sends back (SRP_A, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP). The
 * private value is fixed by replacing AuthenticationHelper.prototype.generateRandomSmallA, the clock by
 * replacing the global Date, and for "device_verifier" (AuthenticationHelper.generateHashDevice, as
 * CognitoUser calls it after a sign-in with NewDeviceMetadata) the random bytes by replacing
 * crypto.getRandomValues. Nothing here re-implements the algorithms.
 */

const {
	AuthenticationDetails,
	AuthenticationHelper,
	CognitoUser,
	CognitoUserPool,
	DateHelper,
} = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;

// --- fixed private value ----------------------------------------------------------------------------------
let fixedSmallA = null;
AuthenticationHelper.prototype.generateRandomSmallA = function generateRandomSmallA() {
	if (fixedSmallA === null) throw new Error('no fixed a set');
	return new BigInteger(fixedSmallA, 16);
};

// Record the HKDF key and u of the last getPasswordAuthenticationKey call (the library's own values).
let lastKey = null;
const realGetKey = AuthenticationHelper.prototype.getPasswordAuthenticationKey;
AuthenticationHelper.prototype.getPasswordAuthenticationKey = function (username, password, b, salt, cb) {
	const helper = this;
	return realGetKey.call(this, username, password, b, salt, (err, hkdf) => {
		if (!err) lastKey = { hkdf_hex: Buffer.from(hkdf).toString('hex'), u_hex: helper.UValue.toString(16) };
		cb(err, hkdf);
	});
};

// --- fixed clock ------------------------------------------------------------------------------------------
const RealDate = Date;
function atTime(unixTime, fn) {
	const ms = unixTime * 1000;
	global.Date = class extends RealDate {
		constructor(...args) {
			if (args.length === 0) super(ms);
			else super(...args);
		}
		static now() {
			return ms;
		}
	};
	try {
		return fn();
	} finally {
		global.Date = RealDate;
	}
}

// --- fixed random bytes -----------------------------------------------------------------------------------
function withRandomBytes(bytes, fn) {
	// WordArray.random draws one Uint32 per 4 bytes via crypto.getRandomValues and writes it big-endian.
	const crypto = globalThis.crypto;
	const real = crypto.getRandomValues;
	let offset = 0;
	crypto.getRandomValues = arr => {
		if (!(arr instanceof Uint32Array) || arr.length !== 1) throw new Error('unexpected getRandomValues call');
		if (offset + 4 > bytes.length) throw new Error('the library asked for more random bytes than supplied');
		arr[0] = bytes.readUInt32BE(offset);
		offset += 4;
		return arr;
	};
	try {
		const result = fn();
		if (offset !== bytes.length) throw new Error(`the library used ${offset} of ${bytes.length} random bytes`);
		return result;
	} finally {
		crypto.getRandomValues = real;
	}
}

// --- a service client that answers from the test case ------------------------------------------------------
function stubPool(poolId, handler) {
	const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: 'reference-client-id' });
	pool.client = { request: handler };
	return pool;
}

class Captured extends Error {}

function srp(c) {
	fixedSmallA = c.a_hex;
	lastKey = null;
	const out = {};
	const pool = stubPool(c.pool_id, (op, params, cb) => {
		if (op === 'InitiateAuth') {
			out.srp_a_hex = params.AuthParameters.SRP_A;
			return cb(null, {
				ChallengeName: 'PASSWORD_VERIFIER',
				ChallengeParameters: {
					USERNAME: c.user_id_for_srp,
					USER_ID_FOR_SRP: c.user_id_for_srp,
					SALT: c.salt_hex,
					SRP_B: c.srp_b_hex,
					SECRET_BLOCK: c.secret_block_b64,
				},
			});
		}
		if (op === 'RespondToAuthChallenge' && params.ChallengeName === 'PASSWORD_VERIFIER') {
			out.signature_b64 = params.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE;
			out.timestamp = params.ChallengeResponses.TIMESTAMP;
			return cb(new Captured('captured'), null);
		}
		return cb(new Error(`unexpected request ${op}`), null);
	});
	const user = new CognitoUser({ Username: c.username, Pool: pool });
	let failure = null;
	atTime(c.unix_time, () =>
		user.authenticateUser(new AuthenticationDetails({ Username: c.username, Password: c.password }), {
			onSuccess: () => {
				failure = new Error('unexpected success');
			},
			onFailure: err => {
				failure = err;
			},
		})
	);
	if (!(failure instanceof Captured)) throw failure || new Error('the library sent no PASSWORD_VERIFIER answer');
	return Object.assign(out, lastKey);
}

function deviceSrp(c) {
	fixedSmallA = c.a_hex;
	lastKey = null;
	const out = {};
	const pool = stubPool(c.pool_id, (op, params, cb) => {
		if (op === 'RespondToAuthChallenge' && params.ChallengeName === 'DEVICE_SRP_AUTH') {
			out.srp_a_hex = params.ChallengeResponses.SRP_A;
			return cb(null, {
				ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
				ChallengeParameters: {
					USERNAME: c.username,
					SALT: c.salt_hex,
					SRP_B: c.srp_b_hex,
					SECRET_BLOCK: c.secret_block_b64,
				},
			});
		}
		if (op === 'RespondToAuthChallenge' && params.ChallengeName === 'DEVICE_PASSWORD_VERIFIER') {
			out.signature_b64 = params.ChallengeResponses.PASSWORD_CLAIM_SIGNATURE;
			out.timestamp = params.ChallengeResponses.TIMESTAMP;
			return cb(new Captured('captured'), null);
		}
		return cb(new Error(`unexpected request ${op}`), null);
	});
	const user = new CognitoUser({ Username: c.username, Pool: pool });
	user.deviceKey = c.device_key;
	user.deviceGroupKey = c.device_group_key;
	user.randomPassword = c.device_password;
	let failure = null;
	atTime(c.unix_time, () =>
		user.getDeviceResponse({
			onSuccess: () => {
				failure = new Error('unexpected success');
			},
			onFailure: err => {
				failure = err;
			},
		})
	);
	if (!(failure instanceof Captured)) throw failure || new Error('the library sent no DEVICE_PASSWORD_VERIFIER');
	return Object.assign(out, lastKey);
}

function deviceVerifier(c) {
	fixedSmallA = '1';
	const helper = new AuthenticationHelper('unused-pool-name');
	const random = Buffer.concat([Buffer.from(c.password_random_hex, 'hex'), Buffer.from(c.salt_random_hex, 'hex')]);
	let error = null;
	withRandomBytes(random, () =>
		helper.generateHashDevice(c.device_group_key, c.device_key, err => {
			error = err;
		})
	);
	if (error) throw error;
	// As CognitoUser builds DeviceSecretVerifierConfig for ConfirmDevice.
	return {
		device_password: helper.getRandomPassword(),
		password_verifier_b64: Buffer.from(helper.getVerifierDevices(), 'hex').toString('base64'),
		salt_b64: Buffer.from(helper.getSaltDevices(), 'hex').toString('base64'),
	};
}

function timestamp(unixTime) {
	return atTime(unixTime, () => new DateHelper().getNowString());
}

const SECTIONS = { srp, device_srp: deviceSrp, device_verifier: deviceVerifier, timestamps: timestamp };

function main() {
	const request = JSON.parse(require('fs').readFileSync(0, 'utf8'));
	const answer = {};
	for (const [name, cases] of Object.entries(request)) {
		const fn = SECTIONS[name];
		if (!fn) throw new Error(`unknown section ${name}`);
		answer[name] = cases.map(fn);
	}
	process.stdout.write(JSON.stringify(answer));
}

main();
