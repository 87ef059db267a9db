/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Writer = $protobuf.Writer;
// hashcap (scripts/gen-proto.mjs): 64-bit fields are numbers here without reconfiguring protobufjs.
const $util = Object.create($protobuf.util, { Long: { value: null } });
const $number = (v) => typeof v === "number" ? v : v.toNumber();
class $Reader extends $protobuf.Reader {
    static create(buffer) {
        if (Array.isArray(buffer))
            buffer = new Uint8Array(buffer);
        if (!(buffer instanceof Uint8Array))
            throw $util.global.Error("illegal buffer");
        return new $Reader(buffer);
    }
    int64() { return $number(super.int64()); }
    uint64() { return $number(super.uint64()); }
    sint64() { return $number(super.sint64()); }
    fixed64() { return $number(super.fixed64()); }
    sfixed64() { return $number(super.sfixed64()); }
}
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError, $TypeError = $util.global.TypeError, $Number = $util.global.Number, $Array = $util.global.Array, $String = $util.global.String, $parseInt = $util.global.parseInt, $BigInt = $util.global.BigInt, $isFinite = $util.global.isFinite, $Boolean = $util.global.Boolean;

// Exported root namespace
const $root = $protobuf.roots["hashcap"] || ($protobuf.roots["hashcap"] = {});

export const hashcap = $root.hashcap = (() => {

    /**
     * Namespace hashcap.
     * @exports hashcap
     * @namespace
     */
    const hashcap = {};

    hashcap.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof hashcap
         * @namespace
         */
        const v1 = {};

        /**
         * Session enum.
         * @name hashcap.v1.Session
         * @enum {number}
         * @property {number} SESSION_CLOSED=0 SESSION_CLOSED value
         * @property {number} SESSION_PRE=1 SESSION_PRE value
         * @property {number} SESSION_REGULAR=2 SESSION_REGULAR value
         * @property {number} SESSION_POST=3 SESSION_POST value
         */
        v1.Session = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "SESSION_CLOSED"] = 0;
            values[valuesById[1] = "SESSION_PRE"] = 1;
            values[valuesById[2] = "SESSION_REGULAR"] = 2;
            values[valuesById[3] = "SESSION_POST"] = 3;
            return values;
        })();

        v1.ClientMessage = (function() {

            /**
             * Properties of a ClientMessage.
             * @typedef {Object} hashcap.v1.ClientMessage.$Properties
             * @property {hashcap.v1.Subscribe.$Properties|null} [subscribe] ClientMessage subscribe
             * @property {hashcap.v1.Unsubscribe.$Properties|null} [unsubscribe] ClientMessage unsubscribe
             * @property {hashcap.v1.ListSubscriptions.$Properties|null} [listSubscriptions] ClientMessage listSubscriptions
             * @property {hashcap.v1.Ping.$Properties|null} [ping] ClientMessage ping
             * @property {"subscribe"|"unsubscribe"|"listSubscriptions"|"ping"} [msg] ClientMessage msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ClientMessage.
             * @memberof hashcap.v1
             * @interface IClientMessage
             * @augments hashcap.v1.ClientMessage.$Properties
             * @deprecated Use hashcap.v1.ClientMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a ClientMessage.
             * @typedef {{
             *   subscribe?: hashcap.v1.Subscribe.$Shape|null;
             *   unsubscribe?: hashcap.v1.Unsubscribe.$Shape|null;
             *   listSubscriptions?: hashcap.v1.ListSubscriptions.$Shape|null;
             *   ping?: hashcap.v1.Ping.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; subscribe?: null; unsubscribe?: null; listSubscriptions?: null; ping?: null }|{ msg?: "subscribe"; subscribe: hashcap.v1.Subscribe.$Shape; unsubscribe?: null; listSubscriptions?: null; ping?: null }|{ msg?: "unsubscribe"; subscribe?: null; unsubscribe: hashcap.v1.Unsubscribe.$Shape; listSubscriptions?: null; ping?: null }|{ msg?: "listSubscriptions"; subscribe?: null; unsubscribe?: null; listSubscriptions: hashcap.v1.ListSubscriptions.$Shape; ping?: null }|{ msg?: "ping"; subscribe?: null; unsubscribe?: null; listSubscriptions?: null; ping: hashcap.v1.Ping.$Shape })
             * )} hashcap.v1.ClientMessage.$Shape
             */

            /**
             * Constructs a new ClientMessage.
             * @memberof hashcap.v1
             * @classdesc Represents a ClientMessage.
             * @constructor
             * @param {hashcap.v1.ClientMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ClientMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ClientMessage subscribe.
             * @member {hashcap.v1.Subscribe.$Properties|null|undefined} subscribe
             * @memberof hashcap.v1.ClientMessage
             * @instance
             */
            ClientMessage.prototype.subscribe = null;

            /**
             * ClientMessage unsubscribe.
             * @member {hashcap.v1.Unsubscribe.$Properties|null|undefined} unsubscribe
             * @memberof hashcap.v1.ClientMessage
             * @instance
             */
            ClientMessage.prototype.unsubscribe = null;

            /**
             * ClientMessage listSubscriptions.
             * @member {hashcap.v1.ListSubscriptions.$Properties|null|undefined} listSubscriptions
             * @memberof hashcap.v1.ClientMessage
             * @instance
             */
            ClientMessage.prototype.listSubscriptions = null;

            /**
             * ClientMessage ping.
             * @member {hashcap.v1.Ping.$Properties|null|undefined} ping
             * @memberof hashcap.v1.ClientMessage
             * @instance
             */
            ClientMessage.prototype.ping = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ClientMessage msg.
             * @member {"subscribe"|"unsubscribe"|"listSubscriptions"|"ping"|undefined} msg
             * @memberof hashcap.v1.ClientMessage
             * @instance
             */
            $Object.defineProperty(ClientMessage.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["subscribe", "unsubscribe", "listSubscriptions", "ping"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ClientMessage instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {hashcap.v1.ClientMessage.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ClientMessage} ClientMessage instance
             * @type {{
             *   (properties: hashcap.v1.ClientMessage.$Shape): hashcap.v1.ClientMessage & hashcap.v1.ClientMessage.$Shape;
             *   (properties?: hashcap.v1.ClientMessage.$Properties): hashcap.v1.ClientMessage;
             * }}
             */
            ClientMessage.create = function(properties) {
                return new ClientMessage(properties);
            };

            /**
             * Encodes the specified ClientMessage message. Does not implicitly {@link hashcap.v1.ClientMessage.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {hashcap.v1.ClientMessage.$Properties} m ClientMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ClientMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe"))
                    $root.hashcap.v1.Subscribe.encode(m.subscribe, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe"))
                    $root.hashcap.v1.Unsubscribe.encode(m.unsubscribe, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.listSubscriptions != null && $Object.hasOwnProperty.call(m, "listSubscriptions"))
                    $root.hashcap.v1.ListSubscriptions.encode(m.listSubscriptions, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.ping != null && $Object.hasOwnProperty.call(m, "ping"))
                    $root.hashcap.v1.Ping.encode(m.ping, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ClientMessage message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ClientMessage & hashcap.v1.ClientMessage.$Shape} ClientMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ClientMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ClientMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.subscribe = $root.hashcap.v1.Subscribe.decode(r, r.size(), $undefined, q + 1, m.subscribe);
                            m.msg = "subscribe";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.unsubscribe = $root.hashcap.v1.Unsubscribe.decode(r, r.size(), $undefined, q + 1, m.unsubscribe);
                            m.msg = "unsubscribe";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.listSubscriptions = $root.hashcap.v1.ListSubscriptions.decode(r, r.size(), $undefined, q + 1, m.listSubscriptions);
                            m.msg = "listSubscriptions";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.ping = $root.hashcap.v1.Ping.decode(r, r.size(), $undefined, q + 1, m.ping);
                            m.msg = "ping";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ClientMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ClientMessage} ClientMessage
             */
            ClientMessage.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ClientMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ClientMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ClientMessage();
                if (d.subscribe != null) {
                    if (!$util.isObject(d.subscribe))
                        throw $TypeError(".hashcap.v1.ClientMessage.subscribe: object expected");
                    m.subscribe = $root.hashcap.v1.Subscribe.fromObject(d.subscribe, q + 1);
                }
                if (d.unsubscribe != null) {
                    if (!$util.isObject(d.unsubscribe))
                        throw $TypeError(".hashcap.v1.ClientMessage.unsubscribe: object expected");
                    m.unsubscribe = $root.hashcap.v1.Unsubscribe.fromObject(d.unsubscribe, q + 1);
                }
                if (d.listSubscriptions != null) {
                    if (!$util.isObject(d.listSubscriptions))
                        throw $TypeError(".hashcap.v1.ClientMessage.listSubscriptions: object expected");
                    m.listSubscriptions = $root.hashcap.v1.ListSubscriptions.fromObject(d.listSubscriptions, q + 1);
                }
                if (d.ping != null) {
                    if (!$util.isObject(d.ping))
                        throw $TypeError(".hashcap.v1.ClientMessage.ping: object expected");
                    m.ping = $root.hashcap.v1.Ping.fromObject(d.ping, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a ClientMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {hashcap.v1.ClientMessage} m ClientMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ClientMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.subscribe != null && $Object.hasOwnProperty.call(m, "subscribe")) {
                    d.subscribe = $root.hashcap.v1.Subscribe.toObject(m.subscribe, o, q + 1);
                    if (o.oneofs)
                        d.msg = "subscribe";
                }
                if (m.unsubscribe != null && $Object.hasOwnProperty.call(m, "unsubscribe")) {
                    d.unsubscribe = $root.hashcap.v1.Unsubscribe.toObject(m.unsubscribe, o, q + 1);
                    if (o.oneofs)
                        d.msg = "unsubscribe";
                }
                if (m.listSubscriptions != null && $Object.hasOwnProperty.call(m, "listSubscriptions")) {
                    d.listSubscriptions = $root.hashcap.v1.ListSubscriptions.toObject(m.listSubscriptions, o, q + 1);
                    if (o.oneofs)
                        d.msg = "listSubscriptions";
                }
                if (m.ping != null && $Object.hasOwnProperty.call(m, "ping")) {
                    d.ping = $root.hashcap.v1.Ping.toObject(m.ping, o, q + 1);
                    if (o.oneofs)
                        d.msg = "ping";
                }
                return d;
            };

            /**
             * Converts this ClientMessage to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ClientMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ClientMessage.prototype.toJSON = function() {
                return ClientMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ClientMessage
             * @function getTypeUrl
             * @memberof hashcap.v1.ClientMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ClientMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ClientMessage";
            };

            return ClientMessage;
        })();

        v1.Subscribe = (function() {

            /**
             * Properties of a Subscribe.
             * @typedef {Object} hashcap.v1.Subscribe.$Properties
             * @property {number|null} [requestId] Subscribe requestId
             * @property {Array.<string>|null} [channels] Subscribe channels
             * @property {number|null} [conflateMs] Subscribe conflateMs
             * @property {Array.<hashcap.v1.ResumePoint.$Properties>|null} [resume] Subscribe resume
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Subscribe.
             * @memberof hashcap.v1
             * @interface ISubscribe
             * @augments hashcap.v1.Subscribe.$Properties
             * @deprecated Use hashcap.v1.Subscribe.$Properties instead.
             */

            /**
             * Shape of a Subscribe.
             * @typedef {hashcap.v1.Subscribe.$Properties} hashcap.v1.Subscribe.$Shape
             */

            /**
             * Constructs a new Subscribe.
             * @memberof hashcap.v1
             * @classdesc Represents a Subscribe.
             * @constructor
             * @param {hashcap.v1.Subscribe.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Subscribe = function (p) {
                this.channels = [];
                this.resume = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Subscribe requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.requestId = 0;

            /**
             * Subscribe channels.
             * @member {Array.<string>} channels
             * @memberof hashcap.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.channels = $util.emptyArray;

            /**
             * Subscribe conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.conflateMs = 0;

            /**
             * Subscribe resume.
             * @member {Array.<hashcap.v1.ResumePoint.$Properties>} resume
             * @memberof hashcap.v1.Subscribe
             * @instance
             */
            Subscribe.prototype.resume = $util.emptyArray;

            /**
             * Creates a new Subscribe instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {hashcap.v1.Subscribe.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Subscribe} Subscribe instance
             * @type {{
             *   (properties: hashcap.v1.Subscribe.$Shape): hashcap.v1.Subscribe & hashcap.v1.Subscribe.$Shape;
             *   (properties?: hashcap.v1.Subscribe.$Properties): hashcap.v1.Subscribe;
             * }}
             */
            Subscribe.create = function(properties) {
                return new Subscribe(properties);
            };

            /**
             * Encodes the specified Subscribe message. Does not implicitly {@link hashcap.v1.Subscribe.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {hashcap.v1.Subscribe.$Properties} m Subscribe message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Subscribe.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.channels != null && m.channels.length) {
                    for (var i = 0; i < m.channels.length; ++i)
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.channels[i]);
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.conflateMs);
                if (m.resume != null && m.resume.length) {
                    for (var i = 0; i < m.resume.length; ++i)
                        $root.hashcap.v1.ResumePoint.encode(m.resume[i], w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Subscribe message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Subscribe & hashcap.v1.Subscribe.$Shape} Subscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Subscribe.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Subscribe();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.channels && m.channels.length))
                                m.channels = [];
                            m.channels.push(r.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.resume && m.resume.length))
                                m.resume = [];
                            m.resume.push($root.hashcap.v1.ResumePoint.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Subscribe message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Subscribe} Subscribe
             */
            Subscribe.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Subscribe)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Subscribe: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Subscribe();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.channels) {
                    if (!$Array.isArray(d.channels))
                        throw $TypeError(".hashcap.v1.Subscribe.channels: array expected");
                    m.channels = $Array(d.channels.length);
                    for (var i = 0; i < d.channels.length; ++i) {
                        m.channels[i] = $String(d.channels[i]);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.resume) {
                    if (!$Array.isArray(d.resume))
                        throw $TypeError(".hashcap.v1.Subscribe.resume: array expected");
                    m.resume = $Array(d.resume.length);
                    for (var i = 0; i < d.resume.length; ++i) {
                        if (!$util.isObject(d.resume[i]))
                            throw $TypeError(".hashcap.v1.Subscribe.resume: object expected");
                        m.resume[i] = $root.hashcap.v1.ResumePoint.fromObject(d.resume[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Subscribe message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {hashcap.v1.Subscribe} m Subscribe
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Subscribe.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.channels = [];
                    d.resume = [];
                }
                if (o.defaults) {
                    d.requestId = 0;
                    d.conflateMs = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.channels && m.channels.length) {
                    d.channels = $Array(m.channels.length);
                    for (var j = 0; j < m.channels.length; ++j) {
                        d.channels[j] = m.channels[j];
                    }
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.resume && m.resume.length) {
                    d.resume = $Array(m.resume.length);
                    for (var j = 0; j < m.resume.length; ++j) {
                        d.resume[j] = $root.hashcap.v1.ResumePoint.toObject(m.resume[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this Subscribe to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Subscribe
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Subscribe.prototype.toJSON = function() {
                return Subscribe.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Subscribe
             * @function getTypeUrl
             * @memberof hashcap.v1.Subscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Subscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Subscribe";
            };

            return Subscribe;
        })();

        v1.ResumePoint = (function() {

            /**
             * Properties of a ResumePoint.
             * @typedef {Object} hashcap.v1.ResumePoint.$Properties
             * @property {string|null} [channel] ResumePoint channel
             * @property {number|null} [epoch] ResumePoint epoch
             * @property {number|null} [lastSeq] ResumePoint lastSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ResumePoint.
             * @memberof hashcap.v1
             * @interface IResumePoint
             * @augments hashcap.v1.ResumePoint.$Properties
             * @deprecated Use hashcap.v1.ResumePoint.$Properties instead.
             */

            /**
             * Shape of a ResumePoint.
             * @typedef {hashcap.v1.ResumePoint.$Properties} hashcap.v1.ResumePoint.$Shape
             */

            /**
             * Constructs a new ResumePoint.
             * @memberof hashcap.v1
             * @classdesc Represents a ResumePoint.
             * @constructor
             * @param {hashcap.v1.ResumePoint.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ResumePoint = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ResumePoint channel.
             * @member {string} channel
             * @memberof hashcap.v1.ResumePoint
             * @instance
             */
            ResumePoint.prototype.channel = "";

            /**
             * ResumePoint epoch.
             * @member {number} epoch
             * @memberof hashcap.v1.ResumePoint
             * @instance
             */
            ResumePoint.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * ResumePoint lastSeq.
             * @member {number} lastSeq
             * @memberof hashcap.v1.ResumePoint
             * @instance
             */
            ResumePoint.prototype.lastSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new ResumePoint instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {hashcap.v1.ResumePoint.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ResumePoint} ResumePoint instance
             * @type {{
             *   (properties: hashcap.v1.ResumePoint.$Shape): hashcap.v1.ResumePoint & hashcap.v1.ResumePoint.$Shape;
             *   (properties?: hashcap.v1.ResumePoint.$Properties): hashcap.v1.ResumePoint;
             * }}
             */
            ResumePoint.create = function(properties) {
                return new ResumePoint(properties);
            };

            /**
             * Encodes the specified ResumePoint message. Does not implicitly {@link hashcap.v1.ResumePoint.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {hashcap.v1.ResumePoint.$Properties} m ResumePoint message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ResumePoint.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
                    w.uint32(/* id 2, wireType 0 =*/16).uint64(m.epoch);
                if (m.lastSeq != null && $Object.hasOwnProperty.call(m, "lastSeq") && (typeof m.lastSeq === "object" ? m.lastSeq.low || m.lastSeq.high : m.lastSeq !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.lastSeq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ResumePoint message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ResumePoint & hashcap.v1.ResumePoint.$Shape} ResumePoint
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ResumePoint.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ResumePoint();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.lastSeq = v;
                            else
                                delete m.lastSeq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ResumePoint message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ResumePoint} ResumePoint
             */
            ResumePoint.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ResumePoint)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ResumePoint: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ResumePoint();
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.epoch != null) {
                    if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
                        if ($util.Long)
                            m.epoch = $util.Long.fromValue(d.epoch, true);
                        else if (typeof d.epoch === "string")
                            m.epoch = $parseInt(d.epoch, 10);
                        else if (typeof d.epoch === "number")
                            m.epoch = d.epoch;
                        else if (typeof d.epoch === "object")
                            m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
                    }
                }
                if (d.lastSeq != null) {
                    if (typeof d.lastSeq === "object" ? d.lastSeq.low || d.lastSeq.high : $Number(d.lastSeq) !== 0) {
                        if ($util.Long)
                            m.lastSeq = $util.Long.fromValue(d.lastSeq, true);
                        else if (typeof d.lastSeq === "string")
                            m.lastSeq = $parseInt(d.lastSeq, 10);
                        else if (typeof d.lastSeq === "number")
                            m.lastSeq = d.lastSeq;
                        else if (typeof d.lastSeq === "object")
                            m.lastSeq = new $util.LongBits(d.lastSeq.low >>> 0, d.lastSeq.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ResumePoint message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {hashcap.v1.ResumePoint} m ResumePoint
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ResumePoint.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.channel = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.lastSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.lastSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
                    else if (typeof m.epoch === "number")
                        d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
                    else
                        d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
                }
                if (m.lastSeq != null && $Object.hasOwnProperty.call(m, "lastSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.lastSeq = typeof m.lastSeq === "number" ? $BigInt(m.lastSeq) : $util.Long.fromBits(m.lastSeq.low >>> 0, m.lastSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.lastSeq === "number")
                        d.lastSeq = o.longs === $String ? $String(m.lastSeq) : m.lastSeq;
                    else
                        d.lastSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.lastSeq) : o.longs === $Number ? new $util.LongBits(m.lastSeq.low >>> 0, m.lastSeq.high >>> 0).toNumber(true) : m.lastSeq;
                }
                return d;
            };

            /**
             * Converts this ResumePoint to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ResumePoint
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ResumePoint.prototype.toJSON = function() {
                return ResumePoint.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ResumePoint
             * @function getTypeUrl
             * @memberof hashcap.v1.ResumePoint
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ResumePoint.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ResumePoint";
            };

            return ResumePoint;
        })();

        v1.Unsubscribe = (function() {

            /**
             * Properties of an Unsubscribe.
             * @typedef {Object} hashcap.v1.Unsubscribe.$Properties
             * @property {number|null} [requestId] Unsubscribe requestId
             * @property {Array.<string>|null} [channels] Unsubscribe channels
             * @property {number|null} [conflateMs] Unsubscribe conflateMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Unsubscribe.
             * @memberof hashcap.v1
             * @interface IUnsubscribe
             * @augments hashcap.v1.Unsubscribe.$Properties
             * @deprecated Use hashcap.v1.Unsubscribe.$Properties instead.
             */

            /**
             * Shape of an Unsubscribe.
             * @typedef {hashcap.v1.Unsubscribe.$Properties} hashcap.v1.Unsubscribe.$Shape
             */

            /**
             * Constructs a new Unsubscribe.
             * @memberof hashcap.v1
             * @classdesc Represents an Unsubscribe.
             * @constructor
             * @param {hashcap.v1.Unsubscribe.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Unsubscribe = function (p) {
                this.channels = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Unsubscribe requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Unsubscribe
             * @instance
             */
            Unsubscribe.prototype.requestId = 0;

            /**
             * Unsubscribe channels.
             * @member {Array.<string>} channels
             * @memberof hashcap.v1.Unsubscribe
             * @instance
             */
            Unsubscribe.prototype.channels = $util.emptyArray;

            /**
             * Unsubscribe conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Unsubscribe
             * @instance
             */
            Unsubscribe.prototype.conflateMs = 0;

            /**
             * Creates a new Unsubscribe instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {hashcap.v1.Unsubscribe.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Unsubscribe} Unsubscribe instance
             * @type {{
             *   (properties: hashcap.v1.Unsubscribe.$Shape): hashcap.v1.Unsubscribe & hashcap.v1.Unsubscribe.$Shape;
             *   (properties?: hashcap.v1.Unsubscribe.$Properties): hashcap.v1.Unsubscribe;
             * }}
             */
            Unsubscribe.create = function(properties) {
                return new Unsubscribe(properties);
            };

            /**
             * Encodes the specified Unsubscribe message. Does not implicitly {@link hashcap.v1.Unsubscribe.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {hashcap.v1.Unsubscribe.$Properties} m Unsubscribe message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Unsubscribe.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.channels != null && m.channels.length) {
                    for (var i = 0; i < m.channels.length; ++i)
                        w.uint32(/* id 2, wireType 2 =*/18).string(m.channels[i]);
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.conflateMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Unsubscribe message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Unsubscribe & hashcap.v1.Unsubscribe.$Shape} Unsubscribe
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Unsubscribe.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Unsubscribe();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.channels && m.channels.length))
                                m.channels = [];
                            m.channels.push(r.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Unsubscribe message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Unsubscribe} Unsubscribe
             */
            Unsubscribe.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Unsubscribe)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Unsubscribe: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Unsubscribe();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.channels) {
                    if (!$Array.isArray(d.channels))
                        throw $TypeError(".hashcap.v1.Unsubscribe.channels: array expected");
                    m.channels = $Array(d.channels.length);
                    for (var i = 0; i < d.channels.length; ++i) {
                        m.channels[i] = $String(d.channels[i]);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Unsubscribe message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {hashcap.v1.Unsubscribe} m Unsubscribe
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Unsubscribe.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.channels = [];
                }
                if (o.defaults) {
                    d.requestId = 0;
                    d.conflateMs = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.channels && m.channels.length) {
                    d.channels = $Array(m.channels.length);
                    for (var j = 0; j < m.channels.length; ++j) {
                        d.channels[j] = m.channels[j];
                    }
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                return d;
            };

            /**
             * Converts this Unsubscribe to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Unsubscribe
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Unsubscribe.prototype.toJSON = function() {
                return Unsubscribe.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Unsubscribe
             * @function getTypeUrl
             * @memberof hashcap.v1.Unsubscribe
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Unsubscribe.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Unsubscribe";
            };

            return Unsubscribe;
        })();

        v1.ListSubscriptions = (function() {

            /**
             * Properties of a ListSubscriptions.
             * @typedef {Object} hashcap.v1.ListSubscriptions.$Properties
             * @property {number|null} [requestId] ListSubscriptions requestId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ListSubscriptions.
             * @memberof hashcap.v1
             * @interface IListSubscriptions
             * @augments hashcap.v1.ListSubscriptions.$Properties
             * @deprecated Use hashcap.v1.ListSubscriptions.$Properties instead.
             */

            /**
             * Shape of a ListSubscriptions.
             * @typedef {hashcap.v1.ListSubscriptions.$Properties} hashcap.v1.ListSubscriptions.$Shape
             */

            /**
             * Constructs a new ListSubscriptions.
             * @memberof hashcap.v1
             * @classdesc Represents a ListSubscriptions.
             * @constructor
             * @param {hashcap.v1.ListSubscriptions.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ListSubscriptions = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ListSubscriptions requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.ListSubscriptions
             * @instance
             */
            ListSubscriptions.prototype.requestId = 0;

            /**
             * Creates a new ListSubscriptions instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {hashcap.v1.ListSubscriptions.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ListSubscriptions} ListSubscriptions instance
             * @type {{
             *   (properties: hashcap.v1.ListSubscriptions.$Shape): hashcap.v1.ListSubscriptions & hashcap.v1.ListSubscriptions.$Shape;
             *   (properties?: hashcap.v1.ListSubscriptions.$Properties): hashcap.v1.ListSubscriptions;
             * }}
             */
            ListSubscriptions.create = function(properties) {
                return new ListSubscriptions(properties);
            };

            /**
             * Encodes the specified ListSubscriptions message. Does not implicitly {@link hashcap.v1.ListSubscriptions.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {hashcap.v1.ListSubscriptions.$Properties} m ListSubscriptions message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ListSubscriptions.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ListSubscriptions message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ListSubscriptions & hashcap.v1.ListSubscriptions.$Shape} ListSubscriptions
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ListSubscriptions.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ListSubscriptions();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ListSubscriptions message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ListSubscriptions} ListSubscriptions
             */
            ListSubscriptions.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ListSubscriptions)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ListSubscriptions: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ListSubscriptions();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a ListSubscriptions message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {hashcap.v1.ListSubscriptions} m ListSubscriptions
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ListSubscriptions.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                return d;
            };

            /**
             * Converts this ListSubscriptions to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ListSubscriptions
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ListSubscriptions.prototype.toJSON = function() {
                return ListSubscriptions.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ListSubscriptions
             * @function getTypeUrl
             * @memberof hashcap.v1.ListSubscriptions
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ListSubscriptions.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ListSubscriptions";
            };

            return ListSubscriptions;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} hashcap.v1.Ping.$Properties
             * @property {number|null} [requestId] Ping requestId
             * @property {number|null} [clientTimeMs] Ping clientTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof hashcap.v1
             * @interface IPing
             * @augments hashcap.v1.Ping.$Properties
             * @deprecated Use hashcap.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {hashcap.v1.Ping.$Properties} hashcap.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof hashcap.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {hashcap.v1.Ping.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Ping requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Ping
             * @instance
             */
            Ping.prototype.requestId = 0;

            /**
             * Ping clientTimeMs.
             * @member {number} clientTimeMs
             * @memberof hashcap.v1.Ping
             * @instance
             */
            Ping.prototype.clientTimeMs = 0;

            /**
             * Creates a new Ping instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Ping
             * @static
             * @param {hashcap.v1.Ping.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Ping} Ping instance
             * @type {{
             *   (properties: hashcap.v1.Ping.$Shape): hashcap.v1.Ping & hashcap.v1.Ping.$Shape;
             *   (properties?: hashcap.v1.Ping.$Properties): hashcap.v1.Ping;
             * }}
             */
            Ping.create = function(properties) {
                return new Ping(properties);
            };

            /**
             * Encodes the specified Ping message. Does not implicitly {@link hashcap.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Ping
             * @static
             * @param {hashcap.v1.Ping.$Properties} m Ping message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.clientTimeMs != null && $Object.hasOwnProperty.call(m, "clientTimeMs") && !$Object.is(m.clientTimeMs, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.clientTimeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Ping & hashcap.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Ping();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.clientTimeMs = v;
                            else
                                delete m.clientTimeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Ping message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Ping
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Ping} Ping
             */
            Ping.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Ping)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Ping: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Ping();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.clientTimeMs != null) {
                    if (!$Object.is($Number(d.clientTimeMs), 0)) {
                        m.clientTimeMs = $Number(d.clientTimeMs);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Ping message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Ping
             * @static
             * @param {hashcap.v1.Ping} m Ping
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ping.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = 0;
                    d.clientTimeMs = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.clientTimeMs != null && $Object.hasOwnProperty.call(m, "clientTimeMs")) {
                    d.clientTimeMs = o.json && !$isFinite(m.clientTimeMs) ? $String(m.clientTimeMs) : m.clientTimeMs;
                }
                return d;
            };

            /**
             * Converts this Ping to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Ping
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ping.prototype.toJSON = function() {
                return Ping.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ping
             * @function getTypeUrl
             * @memberof hashcap.v1.Ping
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ping.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Ping";
            };

            return Ping;
        })();

        v1.ServerMessage = (function() {

            /**
             * Properties of a ServerMessage.
             * @typedef {Object} hashcap.v1.ServerMessage.$Properties
             * @property {hashcap.v1.Ack.$Properties|null} [ack] ServerMessage ack
             * @property {hashcap.v1.Error.$Properties|null} [error] ServerMessage error
             * @property {hashcap.v1.Snapshot.$Properties|null} [snapshot] ServerMessage snapshot
             * @property {hashcap.v1.Delta.$Properties|null} [delta] ServerMessage delta
             * @property {hashcap.v1.Heartbeat.$Properties|null} [heartbeat] ServerMessage heartbeat
             * @property {hashcap.v1.SubscriptionList.$Properties|null} [subscriptions] ServerMessage subscriptions
             * @property {hashcap.v1.Pong.$Properties|null} [pong] ServerMessage pong
             * @property {hashcap.v1.Notice.$Properties|null} [notice] ServerMessage notice
             * @property {"ack"|"error"|"snapshot"|"delta"|"heartbeat"|"subscriptions"|"pong"|"notice"} [msg] ServerMessage msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServerMessage.
             * @memberof hashcap.v1
             * @interface IServerMessage
             * @augments hashcap.v1.ServerMessage.$Properties
             * @deprecated Use hashcap.v1.ServerMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a ServerMessage.
             * @typedef {{
             *   ack?: hashcap.v1.Ack.$Shape|null;
             *   error?: hashcap.v1.Error.$Shape|null;
             *   snapshot?: hashcap.v1.Snapshot.$Shape|null;
             *   delta?: hashcap.v1.Delta.$Shape|null;
             *   heartbeat?: hashcap.v1.Heartbeat.$Shape|null;
             *   subscriptions?: hashcap.v1.SubscriptionList.$Shape|null;
             *   pong?: hashcap.v1.Pong.$Shape|null;
             *   notice?: hashcap.v1.Notice.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "ack"; ack: hashcap.v1.Ack.$Shape; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "error"; ack?: null; error: hashcap.v1.Error.$Shape; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "snapshot"; ack?: null; error?: null; snapshot: hashcap.v1.Snapshot.$Shape; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "delta"; ack?: null; error?: null; snapshot?: null; delta: hashcap.v1.Delta.$Shape; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "heartbeat"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat: hashcap.v1.Heartbeat.$Shape; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "subscriptions"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions: hashcap.v1.SubscriptionList.$Shape; pong?: null; notice?: null }|{ msg?: "pong"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong: hashcap.v1.Pong.$Shape; notice?: null }|{ msg?: "notice"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice: hashcap.v1.Notice.$Shape })
             * )} hashcap.v1.ServerMessage.$Shape
             */

            /**
             * Constructs a new ServerMessage.
             * @memberof hashcap.v1
             * @classdesc Represents a ServerMessage.
             * @constructor
             * @param {hashcap.v1.ServerMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServerMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ServerMessage ack.
             * @member {hashcap.v1.Ack.$Properties|null|undefined} ack
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.ack = null;

            /**
             * ServerMessage error.
             * @member {hashcap.v1.Error.$Properties|null|undefined} error
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.error = null;

            /**
             * ServerMessage snapshot.
             * @member {hashcap.v1.Snapshot.$Properties|null|undefined} snapshot
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.snapshot = null;

            /**
             * ServerMessage delta.
             * @member {hashcap.v1.Delta.$Properties|null|undefined} delta
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.delta = null;

            /**
             * ServerMessage heartbeat.
             * @member {hashcap.v1.Heartbeat.$Properties|null|undefined} heartbeat
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.heartbeat = null;

            /**
             * ServerMessage subscriptions.
             * @member {hashcap.v1.SubscriptionList.$Properties|null|undefined} subscriptions
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.subscriptions = null;

            /**
             * ServerMessage pong.
             * @member {hashcap.v1.Pong.$Properties|null|undefined} pong
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.pong = null;

            /**
             * ServerMessage notice.
             * @member {hashcap.v1.Notice.$Properties|null|undefined} notice
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            ServerMessage.prototype.notice = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ServerMessage msg.
             * @member {"ack"|"error"|"snapshot"|"delta"|"heartbeat"|"subscriptions"|"pong"|"notice"|undefined} msg
             * @memberof hashcap.v1.ServerMessage
             * @instance
             */
            $Object.defineProperty(ServerMessage.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["ack", "error", "snapshot", "delta", "heartbeat", "subscriptions", "pong", "notice"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ServerMessage instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {hashcap.v1.ServerMessage.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ServerMessage} ServerMessage instance
             * @type {{
             *   (properties: hashcap.v1.ServerMessage.$Shape): hashcap.v1.ServerMessage & hashcap.v1.ServerMessage.$Shape;
             *   (properties?: hashcap.v1.ServerMessage.$Properties): hashcap.v1.ServerMessage;
             * }}
             */
            ServerMessage.create = function(properties) {
                return new ServerMessage(properties);
            };

            /**
             * Encodes the specified ServerMessage message. Does not implicitly {@link hashcap.v1.ServerMessage.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {hashcap.v1.ServerMessage.$Properties} m ServerMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServerMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.ack != null && $Object.hasOwnProperty.call(m, "ack"))
                    $root.hashcap.v1.Ack.encode(m.ack, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                    $root.hashcap.v1.Error.encode(m.error, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.snapshot != null && $Object.hasOwnProperty.call(m, "snapshot"))
                    $root.hashcap.v1.Snapshot.encode(m.snapshot, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.delta != null && $Object.hasOwnProperty.call(m, "delta"))
                    $root.hashcap.v1.Delta.encode(m.delta, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.heartbeat != null && $Object.hasOwnProperty.call(m, "heartbeat"))
                    $root.hashcap.v1.Heartbeat.encode(m.heartbeat, w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                if (m.subscriptions != null && $Object.hasOwnProperty.call(m, "subscriptions"))
                    $root.hashcap.v1.SubscriptionList.encode(m.subscriptions, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                if (m.pong != null && $Object.hasOwnProperty.call(m, "pong"))
                    $root.hashcap.v1.Pong.encode(m.pong, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.notice != null && $Object.hasOwnProperty.call(m, "notice"))
                    $root.hashcap.v1.Notice.encode(m.notice, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ServerMessage message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ServerMessage & hashcap.v1.ServerMessage.$Shape} ServerMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServerMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ServerMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.ack = $root.hashcap.v1.Ack.decode(r, r.size(), $undefined, q + 1, m.ack);
                            m.msg = "ack";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.error = $root.hashcap.v1.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                            m.msg = "error";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.snapshot = $root.hashcap.v1.Snapshot.decode(r, r.size(), $undefined, q + 1, m.snapshot);
                            m.msg = "snapshot";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.delta = $root.hashcap.v1.Delta.decode(r, r.size(), $undefined, q + 1, m.delta);
                            m.msg = "delta";
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            m.heartbeat = $root.hashcap.v1.Heartbeat.decode(r, r.size(), $undefined, q + 1, m.heartbeat);
                            m.msg = "heartbeat";
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            m.subscriptions = $root.hashcap.v1.SubscriptionList.decode(r, r.size(), $undefined, q + 1, m.subscriptions);
                            m.msg = "subscriptions";
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.pong = $root.hashcap.v1.Pong.decode(r, r.size(), $undefined, q + 1, m.pong);
                            m.msg = "pong";
                            continue;
                        }
                    case 8: {
                            if (u !== 2)
                                break;
                            m.notice = $root.hashcap.v1.Notice.decode(r, r.size(), $undefined, q + 1, m.notice);
                            m.msg = "notice";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ServerMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ServerMessage} ServerMessage
             */
            ServerMessage.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ServerMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ServerMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ServerMessage();
                if (d.ack != null) {
                    if (!$util.isObject(d.ack))
                        throw $TypeError(".hashcap.v1.ServerMessage.ack: object expected");
                    m.ack = $root.hashcap.v1.Ack.fromObject(d.ack, q + 1);
                }
                if (d.error != null) {
                    if (!$util.isObject(d.error))
                        throw $TypeError(".hashcap.v1.ServerMessage.error: object expected");
                    m.error = $root.hashcap.v1.Error.fromObject(d.error, q + 1);
                }
                if (d.snapshot != null) {
                    if (!$util.isObject(d.snapshot))
                        throw $TypeError(".hashcap.v1.ServerMessage.snapshot: object expected");
                    m.snapshot = $root.hashcap.v1.Snapshot.fromObject(d.snapshot, q + 1);
                }
                if (d.delta != null) {
                    if (!$util.isObject(d.delta))
                        throw $TypeError(".hashcap.v1.ServerMessage.delta: object expected");
                    m.delta = $root.hashcap.v1.Delta.fromObject(d.delta, q + 1);
                }
                if (d.heartbeat != null) {
                    if (!$util.isObject(d.heartbeat))
                        throw $TypeError(".hashcap.v1.ServerMessage.heartbeat: object expected");
                    m.heartbeat = $root.hashcap.v1.Heartbeat.fromObject(d.heartbeat, q + 1);
                }
                if (d.subscriptions != null) {
                    if (!$util.isObject(d.subscriptions))
                        throw $TypeError(".hashcap.v1.ServerMessage.subscriptions: object expected");
                    m.subscriptions = $root.hashcap.v1.SubscriptionList.fromObject(d.subscriptions, q + 1);
                }
                if (d.pong != null) {
                    if (!$util.isObject(d.pong))
                        throw $TypeError(".hashcap.v1.ServerMessage.pong: object expected");
                    m.pong = $root.hashcap.v1.Pong.fromObject(d.pong, q + 1);
                }
                if (d.notice != null) {
                    if (!$util.isObject(d.notice))
                        throw $TypeError(".hashcap.v1.ServerMessage.notice: object expected");
                    m.notice = $root.hashcap.v1.Notice.fromObject(d.notice, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a ServerMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {hashcap.v1.ServerMessage} m ServerMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ServerMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.ack != null && $Object.hasOwnProperty.call(m, "ack")) {
                    d.ack = $root.hashcap.v1.Ack.toObject(m.ack, o, q + 1);
                    if (o.oneofs)
                        d.msg = "ack";
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    d.error = $root.hashcap.v1.Error.toObject(m.error, o, q + 1);
                    if (o.oneofs)
                        d.msg = "error";
                }
                if (m.snapshot != null && $Object.hasOwnProperty.call(m, "snapshot")) {
                    d.snapshot = $root.hashcap.v1.Snapshot.toObject(m.snapshot, o, q + 1);
                    if (o.oneofs)
                        d.msg = "snapshot";
                }
                if (m.delta != null && $Object.hasOwnProperty.call(m, "delta")) {
                    d.delta = $root.hashcap.v1.Delta.toObject(m.delta, o, q + 1);
                    if (o.oneofs)
                        d.msg = "delta";
                }
                if (m.heartbeat != null && $Object.hasOwnProperty.call(m, "heartbeat")) {
                    d.heartbeat = $root.hashcap.v1.Heartbeat.toObject(m.heartbeat, o, q + 1);
                    if (o.oneofs)
                        d.msg = "heartbeat";
                }
                if (m.subscriptions != null && $Object.hasOwnProperty.call(m, "subscriptions")) {
                    d.subscriptions = $root.hashcap.v1.SubscriptionList.toObject(m.subscriptions, o, q + 1);
                    if (o.oneofs)
                        d.msg = "subscriptions";
                }
                if (m.pong != null && $Object.hasOwnProperty.call(m, "pong")) {
                    d.pong = $root.hashcap.v1.Pong.toObject(m.pong, o, q + 1);
                    if (o.oneofs)
                        d.msg = "pong";
                }
                if (m.notice != null && $Object.hasOwnProperty.call(m, "notice")) {
                    d.notice = $root.hashcap.v1.Notice.toObject(m.notice, o, q + 1);
                    if (o.oneofs)
                        d.msg = "notice";
                }
                return d;
            };

            /**
             * Converts this ServerMessage to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ServerMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ServerMessage.prototype.toJSON = function() {
                return ServerMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ServerMessage
             * @function getTypeUrl
             * @memberof hashcap.v1.ServerMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ServerMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ServerMessage";
            };

            return ServerMessage;
        })();

        v1.Ack = (function() {

            /**
             * Properties of an Ack.
             * @typedef {Object} hashcap.v1.Ack.$Properties
             * @property {number|null} [requestId] Ack requestId
             * @property {string|null} [channel] Ack channel
             * @property {number|null} [conflateMs] Ack conflateMs
             * @property {number|null} [epoch] Ack epoch
             * @property {boolean|null} [resumed] Ack resumed
             * @property {number|null} [replayed] Ack replayed
             * @property {boolean|null} [unsubscribed] Ack unsubscribed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Ack.
             * @memberof hashcap.v1
             * @interface IAck
             * @augments hashcap.v1.Ack.$Properties
             * @deprecated Use hashcap.v1.Ack.$Properties instead.
             */

            /**
             * Shape of an Ack.
             * @typedef {hashcap.v1.Ack.$Properties} hashcap.v1.Ack.$Shape
             */

            /**
             * Constructs a new Ack.
             * @memberof hashcap.v1
             * @classdesc Represents an Ack.
             * @constructor
             * @param {hashcap.v1.Ack.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ack = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Ack requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.requestId = 0;

            /**
             * Ack channel.
             * @member {string} channel
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.channel = "";

            /**
             * Ack conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.conflateMs = 0;

            /**
             * Ack epoch.
             * @member {number} epoch
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Ack resumed.
             * @member {boolean} resumed
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.resumed = false;

            /**
             * Ack replayed.
             * @member {number} replayed
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.replayed = 0;

            /**
             * Ack unsubscribed.
             * @member {boolean} unsubscribed
             * @memberof hashcap.v1.Ack
             * @instance
             */
            Ack.prototype.unsubscribed = false;

            /**
             * Creates a new Ack instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Ack
             * @static
             * @param {hashcap.v1.Ack.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Ack} Ack instance
             * @type {{
             *   (properties: hashcap.v1.Ack.$Shape): hashcap.v1.Ack & hashcap.v1.Ack.$Shape;
             *   (properties?: hashcap.v1.Ack.$Properties): hashcap.v1.Ack;
             * }}
             */
            Ack.create = function(properties) {
                return new Ack(properties);
            };

            /**
             * Encodes the specified Ack message. Does not implicitly {@link hashcap.v1.Ack.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Ack
             * @static
             * @param {hashcap.v1.Ack.$Properties} m Ack message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ack.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.channel);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.conflateMs);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.epoch);
                if (m.resumed != null && $Object.hasOwnProperty.call(m, "resumed") && m.resumed !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.resumed);
                if (m.replayed != null && $Object.hasOwnProperty.call(m, "replayed") && m.replayed !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.replayed);
                if (m.unsubscribed != null && $Object.hasOwnProperty.call(m, "unsubscribed") && m.unsubscribed !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.unsubscribed);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Ack message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Ack
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Ack & hashcap.v1.Ack.$Shape} Ack
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ack.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Ack();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.resumed = v;
                            else
                                delete m.resumed;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.replayed = v;
                            else
                                delete m.replayed;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.unsubscribed = v;
                            else
                                delete m.unsubscribed;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Ack message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Ack
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Ack} Ack
             */
            Ack.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Ack)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Ack: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Ack();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.epoch != null) {
                    if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
                        if ($util.Long)
                            m.epoch = $util.Long.fromValue(d.epoch, true);
                        else if (typeof d.epoch === "string")
                            m.epoch = $parseInt(d.epoch, 10);
                        else if (typeof d.epoch === "number")
                            m.epoch = d.epoch;
                        else if (typeof d.epoch === "object")
                            m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
                    }
                }
                if (d.resumed != null) {
                    if (d.resumed) {
                        m.resumed = $Boolean(d.resumed);
                    }
                }
                if (d.replayed != null) {
                    if ($Number(d.replayed) !== 0) {
                        m.replayed = d.replayed >>> 0;
                    }
                }
                if (d.unsubscribed != null) {
                    if (d.unsubscribed) {
                        m.unsubscribed = $Boolean(d.unsubscribed);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Ack message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Ack
             * @static
             * @param {hashcap.v1.Ack} m Ack
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Ack.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = 0;
                    d.channel = "";
                    d.conflateMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.resumed = false;
                    d.replayed = 0;
                    d.unsubscribed = false;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
                    else if (typeof m.epoch === "number")
                        d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
                    else
                        d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
                }
                if (m.resumed != null && $Object.hasOwnProperty.call(m, "resumed")) {
                    d.resumed = m.resumed;
                }
                if (m.replayed != null && $Object.hasOwnProperty.call(m, "replayed")) {
                    d.replayed = m.replayed;
                }
                if (m.unsubscribed != null && $Object.hasOwnProperty.call(m, "unsubscribed")) {
                    d.unsubscribed = m.unsubscribed;
                }
                return d;
            };

            /**
             * Converts this Ack to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Ack
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Ack.prototype.toJSON = function() {
                return Ack.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Ack
             * @function getTypeUrl
             * @memberof hashcap.v1.Ack
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Ack.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Ack";
            };

            return Ack;
        })();

        v1.Error = (function() {

            /**
             * Properties of an Error.
             * @typedef {Object} hashcap.v1.Error.$Properties
             * @property {number|null} [code] Error code
             * @property {string|null} [message] Error message
             * @property {number|null} [requestId] Error requestId
             * @property {string|null} [channel] Error channel
             * @property {number|null} [retryAfterMs] Error retryAfterMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Error.
             * @memberof hashcap.v1
             * @interface IError
             * @augments hashcap.v1.Error.$Properties
             * @deprecated Use hashcap.v1.Error.$Properties instead.
             */

            /**
             * Shape of an Error.
             * @typedef {hashcap.v1.Error.$Properties} hashcap.v1.Error.$Shape
             */

            /**
             * Constructs a new Error.
             * @memberof hashcap.v1
             * @classdesc Represents an Error.
             * @constructor
             * @param {hashcap.v1.Error.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Error = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Error code.
             * @member {number} code
             * @memberof hashcap.v1.Error
             * @instance
             */
            Error.prototype.code = 0;

            /**
             * Error message.
             * @member {string} message
             * @memberof hashcap.v1.Error
             * @instance
             */
            Error.prototype.message = "";

            /**
             * Error requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Error
             * @instance
             */
            Error.prototype.requestId = 0;

            /**
             * Error channel.
             * @member {string} channel
             * @memberof hashcap.v1.Error
             * @instance
             */
            Error.prototype.channel = "";

            /**
             * Error retryAfterMs.
             * @member {number} retryAfterMs
             * @memberof hashcap.v1.Error
             * @instance
             */
            Error.prototype.retryAfterMs = 0;

            /**
             * Creates a new Error instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Error
             * @static
             * @param {hashcap.v1.Error.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Error} Error instance
             * @type {{
             *   (properties: hashcap.v1.Error.$Shape): hashcap.v1.Error & hashcap.v1.Error.$Shape;
             *   (properties?: hashcap.v1.Error.$Properties): hashcap.v1.Error;
             * }}
             */
            Error.create = function(properties) {
                return new Error(properties);
            };

            /**
             * Encodes the specified Error message. Does not implicitly {@link hashcap.v1.Error.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Error
             * @static
             * @param {hashcap.v1.Error.$Properties} m Error message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Error.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.code);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 3, wireType 0 =*/24).uint32(m.requestId);
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.channel);
                if (m.retryAfterMs != null && $Object.hasOwnProperty.call(m, "retryAfterMs") && m.retryAfterMs !== 0)
                    w.uint32(/* id 5, wireType 0 =*/40).uint32(m.retryAfterMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an Error message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Error
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Error & hashcap.v1.Error.$Shape} Error
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Error.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Error();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.retryAfterMs = v;
                            else
                                delete m.retryAfterMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an Error message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Error
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Error} Error
             */
            Error.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Error)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Error: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Error();
                if (d.code != null) {
                    if ($Number(d.code) !== 0) {
                        m.code = d.code >>> 0;
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.retryAfterMs != null) {
                    if ($Number(d.retryAfterMs) !== 0) {
                        m.retryAfterMs = d.retryAfterMs >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an Error message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Error
             * @static
             * @param {hashcap.v1.Error} m Error
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Error.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.code = 0;
                    d.message = "";
                    d.requestId = 0;
                    d.channel = "";
                    d.retryAfterMs = 0;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.retryAfterMs != null && $Object.hasOwnProperty.call(m, "retryAfterMs")) {
                    d.retryAfterMs = m.retryAfterMs;
                }
                return d;
            };

            /**
             * Converts this Error to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Error
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Error.prototype.toJSON = function() {
                return Error.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Error
             * @function getTypeUrl
             * @memberof hashcap.v1.Error
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Error.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Error";
            };

            return Error;
        })();

        v1.Snapshot = (function() {

            /**
             * Properties of a Snapshot.
             * @typedef {Object} hashcap.v1.Snapshot.$Properties
             * @property {string|null} [channel] Snapshot channel
             * @property {number|null} [conflateMs] Snapshot conflateMs
             * @property {number|null} [epoch] Snapshot epoch
             * @property {number|null} [seq] Snapshot seq
             * @property {number|null} [eventTimeMs] Snapshot eventTimeMs
             * @property {number|null} [sendTimeMs] Snapshot sendTimeMs
             * @property {boolean|null} [keyframe] Snapshot keyframe
             * @property {number|null} [crc32] Snapshot crc32
             * @property {boolean|null} [recovered] Snapshot recovered
             * @property {hashcap.v1.ChannelState.$Properties|null} [state] Snapshot state
             * @property {number|null} [jsonCrc32] Snapshot jsonCrc32
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Snapshot.
             * @memberof hashcap.v1
             * @interface ISnapshot
             * @augments hashcap.v1.Snapshot.$Properties
             * @deprecated Use hashcap.v1.Snapshot.$Properties instead.
             */

            /**
             * Shape of a Snapshot.
             * @typedef {{
             *   channel?: string|null;
             *   conflateMs?: number|null;
             *   epoch?: number|null;
             *   seq?: number|null;
             *   eventTimeMs?: number|null;
             *   sendTimeMs?: number|null;
             *   keyframe?: boolean|null;
             *   crc32?: number|null;
             *   recovered?: boolean|null;
             *   state?: hashcap.v1.ChannelState.$Shape|null;
             *   jsonCrc32?: number|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} hashcap.v1.Snapshot.$Shape
             */

            /**
             * Constructs a new Snapshot.
             * @memberof hashcap.v1
             * @classdesc Represents a Snapshot.
             * @constructor
             * @param {hashcap.v1.Snapshot.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Snapshot = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Snapshot channel.
             * @member {string} channel
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.channel = "";

            /**
             * Snapshot conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.conflateMs = 0;

            /**
             * Snapshot epoch.
             * @member {number} epoch
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Snapshot seq.
             * @member {number} seq
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Snapshot eventTimeMs.
             * @member {number} eventTimeMs
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.eventTimeMs = 0;

            /**
             * Snapshot sendTimeMs.
             * @member {number} sendTimeMs
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.sendTimeMs = 0;

            /**
             * Snapshot keyframe.
             * @member {boolean} keyframe
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.keyframe = false;

            /**
             * Snapshot crc32.
             * @member {number} crc32
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.crc32 = 0;

            /**
             * Snapshot recovered.
             * @member {boolean} recovered
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.recovered = false;

            /**
             * Snapshot state.
             * @member {hashcap.v1.ChannelState.$Properties|null|undefined} state
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.state = null;

            /**
             * Snapshot jsonCrc32.
             * @member {number} jsonCrc32
             * @memberof hashcap.v1.Snapshot
             * @instance
             */
            Snapshot.prototype.jsonCrc32 = 0;

            /**
             * Creates a new Snapshot instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {hashcap.v1.Snapshot.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Snapshot} Snapshot instance
             * @type {{
             *   (properties: hashcap.v1.Snapshot.$Shape): hashcap.v1.Snapshot & hashcap.v1.Snapshot.$Shape;
             *   (properties?: hashcap.v1.Snapshot.$Properties): hashcap.v1.Snapshot;
             * }}
             */
            Snapshot.create = function(properties) {
                return new Snapshot(properties);
            };

            /**
             * Encodes the specified Snapshot message. Does not implicitly {@link hashcap.v1.Snapshot.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {hashcap.v1.Snapshot.$Properties} m Snapshot message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Snapshot.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.conflateMs);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.epoch);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.seq);
                if (m.eventTimeMs != null && $Object.hasOwnProperty.call(m, "eventTimeMs") && !$Object.is(m.eventTimeMs, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.eventTimeMs);
                if (m.sendTimeMs != null && $Object.hasOwnProperty.call(m, "sendTimeMs") && !$Object.is(m.sendTimeMs, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.sendTimeMs);
                if (m.keyframe != null && $Object.hasOwnProperty.call(m, "keyframe") && m.keyframe !== false)
                    w.uint32(/* id 7, wireType 0 =*/56).bool(m.keyframe);
                if (m.crc32 != null && $Object.hasOwnProperty.call(m, "crc32") && m.crc32 !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.crc32);
                if (m.recovered != null && $Object.hasOwnProperty.call(m, "recovered") && m.recovered !== false)
                    w.uint32(/* id 9, wireType 0 =*/72).bool(m.recovered);
                if (m.state != null && $Object.hasOwnProperty.call(m, "state"))
                    $root.hashcap.v1.ChannelState.encode(m.state, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
                if (m.jsonCrc32 != null && $Object.hasOwnProperty.call(m, "jsonCrc32") && m.jsonCrc32 !== 0)
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.jsonCrc32);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Snapshot message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Snapshot & hashcap.v1.Snapshot.$Shape} Snapshot
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Snapshot.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Snapshot();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.eventTimeMs = v;
                            else
                                delete m.eventTimeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.sendTimeMs = v;
                            else
                                delete m.sendTimeMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.keyframe = v;
                            else
                                delete m.keyframe;
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.crc32 = v;
                            else
                                delete m.crc32;
                            continue;
                        }
                    case 9: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.recovered = v;
                            else
                                delete m.recovered;
                            continue;
                        }
                    case 10: {
                            if (u !== 2)
                                break;
                            m.state = $root.hashcap.v1.ChannelState.decode(r, r.size(), $undefined, q + 1, m.state);
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.jsonCrc32 = v;
                            else
                                delete m.jsonCrc32;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Snapshot message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Snapshot} Snapshot
             */
            Snapshot.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Snapshot)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Snapshot: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Snapshot();
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.epoch != null) {
                    if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
                        if ($util.Long)
                            m.epoch = $util.Long.fromValue(d.epoch, true);
                        else if (typeof d.epoch === "string")
                            m.epoch = $parseInt(d.epoch, 10);
                        else if (typeof d.epoch === "number")
                            m.epoch = d.epoch;
                        else if (typeof d.epoch === "object")
                            m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.eventTimeMs != null) {
                    if (!$Object.is($Number(d.eventTimeMs), 0)) {
                        m.eventTimeMs = $Number(d.eventTimeMs);
                    }
                }
                if (d.sendTimeMs != null) {
                    if (!$Object.is($Number(d.sendTimeMs), 0)) {
                        m.sendTimeMs = $Number(d.sendTimeMs);
                    }
                }
                if (d.keyframe != null) {
                    if (d.keyframe) {
                        m.keyframe = $Boolean(d.keyframe);
                    }
                }
                if (d.crc32 != null) {
                    if ($Number(d.crc32) !== 0) {
                        m.crc32 = d.crc32 >>> 0;
                    }
                }
                if (d.recovered != null) {
                    if (d.recovered) {
                        m.recovered = $Boolean(d.recovered);
                    }
                }
                if (d.state != null) {
                    if (!$util.isObject(d.state))
                        throw $TypeError(".hashcap.v1.Snapshot.state: object expected");
                    m.state = $root.hashcap.v1.ChannelState.fromObject(d.state, q + 1);
                }
                if (d.jsonCrc32 != null) {
                    if ($Number(d.jsonCrc32) !== 0) {
                        m.jsonCrc32 = d.jsonCrc32 >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Snapshot message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {hashcap.v1.Snapshot} m Snapshot
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Snapshot.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.channel = "";
                    d.conflateMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.eventTimeMs = 0;
                    d.sendTimeMs = 0;
                    d.keyframe = false;
                    d.crc32 = 0;
                    d.recovered = false;
                    d.state = null;
                    d.jsonCrc32 = 0;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
                    else if (typeof m.epoch === "number")
                        d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
                    else
                        d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.eventTimeMs != null && $Object.hasOwnProperty.call(m, "eventTimeMs")) {
                    d.eventTimeMs = o.json && !$isFinite(m.eventTimeMs) ? $String(m.eventTimeMs) : m.eventTimeMs;
                }
                if (m.sendTimeMs != null && $Object.hasOwnProperty.call(m, "sendTimeMs")) {
                    d.sendTimeMs = o.json && !$isFinite(m.sendTimeMs) ? $String(m.sendTimeMs) : m.sendTimeMs;
                }
                if (m.keyframe != null && $Object.hasOwnProperty.call(m, "keyframe")) {
                    d.keyframe = m.keyframe;
                }
                if (m.crc32 != null && $Object.hasOwnProperty.call(m, "crc32")) {
                    d.crc32 = m.crc32;
                }
                if (m.recovered != null && $Object.hasOwnProperty.call(m, "recovered")) {
                    d.recovered = m.recovered;
                }
                if (m.state != null && $Object.hasOwnProperty.call(m, "state")) {
                    d.state = $root.hashcap.v1.ChannelState.toObject(m.state, o, q + 1);
                }
                if (m.jsonCrc32 != null && $Object.hasOwnProperty.call(m, "jsonCrc32")) {
                    d.jsonCrc32 = m.jsonCrc32;
                }
                return d;
            };

            /**
             * Converts this Snapshot to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Snapshot
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Snapshot.prototype.toJSON = function() {
                return Snapshot.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Snapshot
             * @function getTypeUrl
             * @memberof hashcap.v1.Snapshot
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Snapshot.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Snapshot";
            };

            return Snapshot;
        })();

        v1.Delta = (function() {

            /**
             * Properties of a Delta.
             * @typedef {Object} hashcap.v1.Delta.$Properties
             * @property {string|null} [channel] Delta channel
             * @property {number|null} [conflateMs] Delta conflateMs
             * @property {number|null} [epoch] Delta epoch
             * @property {number|null} [seq] Delta seq
             * @property {number|null} [eventTimeMs] Delta eventTimeMs
             * @property {number|null} [sendTimeMs] Delta sendTimeMs
             * @property {hashcap.v1.ChannelState.$Properties|null} [changes] Delta changes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Delta.
             * @memberof hashcap.v1
             * @interface IDelta
             * @augments hashcap.v1.Delta.$Properties
             * @deprecated Use hashcap.v1.Delta.$Properties instead.
             */

            /**
             * Shape of a Delta.
             * @typedef {{
             *   channel?: string|null;
             *   conflateMs?: number|null;
             *   epoch?: number|null;
             *   seq?: number|null;
             *   eventTimeMs?: number|null;
             *   sendTimeMs?: number|null;
             *   changes?: hashcap.v1.ChannelState.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} hashcap.v1.Delta.$Shape
             */

            /**
             * Constructs a new Delta.
             * @memberof hashcap.v1
             * @classdesc Represents a Delta.
             * @constructor
             * @param {hashcap.v1.Delta.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Delta = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Delta channel.
             * @member {string} channel
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.channel = "";

            /**
             * Delta conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.conflateMs = 0;

            /**
             * Delta epoch.
             * @member {number} epoch
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Delta seq.
             * @member {number} seq
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Delta eventTimeMs.
             * @member {number} eventTimeMs
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.eventTimeMs = 0;

            /**
             * Delta sendTimeMs.
             * @member {number} sendTimeMs
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.sendTimeMs = 0;

            /**
             * Delta changes.
             * @member {hashcap.v1.ChannelState.$Properties|null|undefined} changes
             * @memberof hashcap.v1.Delta
             * @instance
             */
            Delta.prototype.changes = null;

            /**
             * Creates a new Delta instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Delta
             * @static
             * @param {hashcap.v1.Delta.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Delta} Delta instance
             * @type {{
             *   (properties: hashcap.v1.Delta.$Shape): hashcap.v1.Delta & hashcap.v1.Delta.$Shape;
             *   (properties?: hashcap.v1.Delta.$Properties): hashcap.v1.Delta;
             * }}
             */
            Delta.create = function(properties) {
                return new Delta(properties);
            };

            /**
             * Encodes the specified Delta message. Does not implicitly {@link hashcap.v1.Delta.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Delta
             * @static
             * @param {hashcap.v1.Delta.$Properties} m Delta message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Delta.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.conflateMs);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.epoch);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.seq);
                if (m.eventTimeMs != null && $Object.hasOwnProperty.call(m, "eventTimeMs") && !$Object.is(m.eventTimeMs, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.eventTimeMs);
                if (m.sendTimeMs != null && $Object.hasOwnProperty.call(m, "sendTimeMs") && !$Object.is(m.sendTimeMs, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.sendTimeMs);
                if (m.changes != null && $Object.hasOwnProperty.call(m, "changes"))
                    $root.hashcap.v1.ChannelState.encode(m.changes, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Delta message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Delta
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Delta & hashcap.v1.Delta.$Shape} Delta
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Delta.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Delta();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.eventTimeMs = v;
                            else
                                delete m.eventTimeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.sendTimeMs = v;
                            else
                                delete m.sendTimeMs;
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            m.changes = $root.hashcap.v1.ChannelState.decode(r, r.size(), $undefined, q + 1, m.changes);
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Delta message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Delta
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Delta} Delta
             */
            Delta.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Delta)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Delta: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Delta();
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.epoch != null) {
                    if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
                        if ($util.Long)
                            m.epoch = $util.Long.fromValue(d.epoch, true);
                        else if (typeof d.epoch === "string")
                            m.epoch = $parseInt(d.epoch, 10);
                        else if (typeof d.epoch === "number")
                            m.epoch = d.epoch;
                        else if (typeof d.epoch === "object")
                            m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.eventTimeMs != null) {
                    if (!$Object.is($Number(d.eventTimeMs), 0)) {
                        m.eventTimeMs = $Number(d.eventTimeMs);
                    }
                }
                if (d.sendTimeMs != null) {
                    if (!$Object.is($Number(d.sendTimeMs), 0)) {
                        m.sendTimeMs = $Number(d.sendTimeMs);
                    }
                }
                if (d.changes != null) {
                    if (!$util.isObject(d.changes))
                        throw $TypeError(".hashcap.v1.Delta.changes: object expected");
                    m.changes = $root.hashcap.v1.ChannelState.fromObject(d.changes, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a Delta message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Delta
             * @static
             * @param {hashcap.v1.Delta} m Delta
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Delta.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.channel = "";
                    d.conflateMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.eventTimeMs = 0;
                    d.sendTimeMs = 0;
                    d.changes = null;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
                    else if (typeof m.epoch === "number")
                        d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
                    else
                        d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.eventTimeMs != null && $Object.hasOwnProperty.call(m, "eventTimeMs")) {
                    d.eventTimeMs = o.json && !$isFinite(m.eventTimeMs) ? $String(m.eventTimeMs) : m.eventTimeMs;
                }
                if (m.sendTimeMs != null && $Object.hasOwnProperty.call(m, "sendTimeMs")) {
                    d.sendTimeMs = o.json && !$isFinite(m.sendTimeMs) ? $String(m.sendTimeMs) : m.sendTimeMs;
                }
                if (m.changes != null && $Object.hasOwnProperty.call(m, "changes")) {
                    d.changes = $root.hashcap.v1.ChannelState.toObject(m.changes, o, q + 1);
                }
                return d;
            };

            /**
             * Converts this Delta to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Delta
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Delta.prototype.toJSON = function() {
                return Delta.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Delta
             * @function getTypeUrl
             * @memberof hashcap.v1.Delta
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Delta.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Delta";
            };

            return Delta;
        })();

        v1.ChannelState = (function() {

            /**
             * Properties of a ChannelState.
             * @typedef {Object} hashcap.v1.ChannelState.$Properties
             * @property {hashcap.v1.IndexState.$Properties|null} [index] ChannelState index
             * @property {hashcap.v1.QuotesState.$Properties|null} [quotes] ChannelState quotes
             * @property {hashcap.v1.BarsState.$Properties|null} [bars] ChannelState bars
             * @property {hashcap.v1.StatusState.$Properties|null} [status] ChannelState status
             * @property {"index"|"quotes"|"bars"|"status"} [kind] ChannelState kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ChannelState.
             * @memberof hashcap.v1
             * @interface IChannelState
             * @augments hashcap.v1.ChannelState.$Properties
             * @deprecated Use hashcap.v1.ChannelState.$Properties instead.
             */

            /**
             * Narrowed shape of a ChannelState.
             * @typedef {{
             *   index?: hashcap.v1.IndexState.$Shape|null;
             *   quotes?: hashcap.v1.QuotesState.$Shape|null;
             *   bars?: hashcap.v1.BarsState.$Shape|null;
             *   status?: hashcap.v1.StatusState.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; index?: null; quotes?: null; bars?: null; status?: null }|{ kind?: "index"; index: hashcap.v1.IndexState.$Shape; quotes?: null; bars?: null; status?: null }|{ kind?: "quotes"; index?: null; quotes: hashcap.v1.QuotesState.$Shape; bars?: null; status?: null }|{ kind?: "bars"; index?: null; quotes?: null; bars: hashcap.v1.BarsState.$Shape; status?: null }|{ kind?: "status"; index?: null; quotes?: null; bars?: null; status: hashcap.v1.StatusState.$Shape })
             * )} hashcap.v1.ChannelState.$Shape
             */

            /**
             * Constructs a new ChannelState.
             * @memberof hashcap.v1
             * @classdesc Represents a ChannelState.
             * @constructor
             * @param {hashcap.v1.ChannelState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ChannelState = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ChannelState index.
             * @member {hashcap.v1.IndexState.$Properties|null|undefined} index
             * @memberof hashcap.v1.ChannelState
             * @instance
             */
            ChannelState.prototype.index = null;

            /**
             * ChannelState quotes.
             * @member {hashcap.v1.QuotesState.$Properties|null|undefined} quotes
             * @memberof hashcap.v1.ChannelState
             * @instance
             */
            ChannelState.prototype.quotes = null;

            /**
             * ChannelState bars.
             * @member {hashcap.v1.BarsState.$Properties|null|undefined} bars
             * @memberof hashcap.v1.ChannelState
             * @instance
             */
            ChannelState.prototype.bars = null;

            /**
             * ChannelState status.
             * @member {hashcap.v1.StatusState.$Properties|null|undefined} status
             * @memberof hashcap.v1.ChannelState
             * @instance
             */
            ChannelState.prototype.status = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * ChannelState kind.
             * @member {"index"|"quotes"|"bars"|"status"|undefined} kind
             * @memberof hashcap.v1.ChannelState
             * @instance
             */
            $Object.defineProperty(ChannelState.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["index", "quotes", "bars", "status"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ChannelState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {hashcap.v1.ChannelState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ChannelState} ChannelState instance
             * @type {{
             *   (properties: hashcap.v1.ChannelState.$Shape): hashcap.v1.ChannelState & hashcap.v1.ChannelState.$Shape;
             *   (properties?: hashcap.v1.ChannelState.$Properties): hashcap.v1.ChannelState;
             * }}
             */
            ChannelState.create = function(properties) {
                return new ChannelState(properties);
            };

            /**
             * Encodes the specified ChannelState message. Does not implicitly {@link hashcap.v1.ChannelState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {hashcap.v1.ChannelState.$Properties} m ChannelState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ChannelState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.index != null && $Object.hasOwnProperty.call(m, "index"))
                    $root.hashcap.v1.IndexState.encode(m.index, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.quotes != null && $Object.hasOwnProperty.call(m, "quotes"))
                    $root.hashcap.v1.QuotesState.encode(m.quotes, w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                if (m.bars != null && $Object.hasOwnProperty.call(m, "bars"))
                    $root.hashcap.v1.BarsState.encode(m.bars, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                if (m.status != null && $Object.hasOwnProperty.call(m, "status"))
                    $root.hashcap.v1.StatusState.encode(m.status, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ChannelState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ChannelState & hashcap.v1.ChannelState.$Shape} ChannelState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ChannelState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ChannelState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.index = $root.hashcap.v1.IndexState.decode(r, r.size(), $undefined, q + 1, m.index);
                            m.kind = "index";
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.quotes = $root.hashcap.v1.QuotesState.decode(r, r.size(), $undefined, q + 1, m.quotes);
                            m.kind = "quotes";
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            m.bars = $root.hashcap.v1.BarsState.decode(r, r.size(), $undefined, q + 1, m.bars);
                            m.kind = "bars";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.status = $root.hashcap.v1.StatusState.decode(r, r.size(), $undefined, q + 1, m.status);
                            m.kind = "status";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ChannelState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ChannelState} ChannelState
             */
            ChannelState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ChannelState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ChannelState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ChannelState();
                if (d.index != null) {
                    if (!$util.isObject(d.index))
                        throw $TypeError(".hashcap.v1.ChannelState.index: object expected");
                    m.index = $root.hashcap.v1.IndexState.fromObject(d.index, q + 1);
                }
                if (d.quotes != null) {
                    if (!$util.isObject(d.quotes))
                        throw $TypeError(".hashcap.v1.ChannelState.quotes: object expected");
                    m.quotes = $root.hashcap.v1.QuotesState.fromObject(d.quotes, q + 1);
                }
                if (d.bars != null) {
                    if (!$util.isObject(d.bars))
                        throw $TypeError(".hashcap.v1.ChannelState.bars: object expected");
                    m.bars = $root.hashcap.v1.BarsState.fromObject(d.bars, q + 1);
                }
                if (d.status != null) {
                    if (!$util.isObject(d.status))
                        throw $TypeError(".hashcap.v1.ChannelState.status: object expected");
                    m.status = $root.hashcap.v1.StatusState.fromObject(d.status, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a ChannelState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {hashcap.v1.ChannelState} m ChannelState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ChannelState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = $root.hashcap.v1.IndexState.toObject(m.index, o, q + 1);
                    if (o.oneofs)
                        d.kind = "index";
                }
                if (m.quotes != null && $Object.hasOwnProperty.call(m, "quotes")) {
                    d.quotes = $root.hashcap.v1.QuotesState.toObject(m.quotes, o, q + 1);
                    if (o.oneofs)
                        d.kind = "quotes";
                }
                if (m.bars != null && $Object.hasOwnProperty.call(m, "bars")) {
                    d.bars = $root.hashcap.v1.BarsState.toObject(m.bars, o, q + 1);
                    if (o.oneofs)
                        d.kind = "bars";
                }
                if (m.status != null && $Object.hasOwnProperty.call(m, "status")) {
                    d.status = $root.hashcap.v1.StatusState.toObject(m.status, o, q + 1);
                    if (o.oneofs)
                        d.kind = "status";
                }
                return d;
            };

            /**
             * Converts this ChannelState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ChannelState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ChannelState.prototype.toJSON = function() {
                return ChannelState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ChannelState
             * @function getTypeUrl
             * @memberof hashcap.v1.ChannelState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ChannelState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ChannelState";
            };

            return ChannelState;
        })();

        v1.IndexState = (function() {

            /**
             * Properties of an IndexState.
             * @typedef {Object} hashcap.v1.IndexState.$Properties
             * @property {string|null} [id] IndexState id
             * @property {string|null} [name] IndexState name
             * @property {number|null} [level] IndexState level
             * @property {number|null} [previousLevel] IndexState previousLevel
             * @property {number|null} [change] IndexState change
             * @property {number|null} [changePct] IndexState changePct
             * @property {number|null} [marketCapUsd] IndexState marketCapUsd
             * @property {number|null} [previousMarketCapUsd] IndexState previousMarketCapUsd
             * @property {number|null} [marketCapChangeUsd] IndexState marketCapChangeUsd
             * @property {number|null} [divisor] IndexState divisor
             * @property {number|null} [advancers] IndexState advancers
             * @property {number|null} [decliners] IndexState decliners
             * @property {number|null} [unchanged] IndexState unchanged
             * @property {boolean|null} [indicative] IndexState indicative
             * @property {number|null} [nextMilestoneUsd] IndexState nextMilestoneUsd
             * @property {Array.<number>|null} [milestonesReachedUsd] IndexState milestonesReachedUsd
             * @property {number|null} [eventAdjustment] IndexState eventAdjustment
             * @property {Array.<hashcap.v1.ConstituentState.$Properties>|null} [constituents] IndexState constituents
             * @property {boolean|null} [milestonesChanged] IndexState milestonesChanged
             * @property {Array.<string>|null} [removed] IndexState removed
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IndexState.
             * @memberof hashcap.v1
             * @interface IIndexState
             * @augments hashcap.v1.IndexState.$Properties
             * @deprecated Use hashcap.v1.IndexState.$Properties instead.
             */

            /**
             * Shape of an IndexState.
             * @typedef {hashcap.v1.IndexState.$Properties} hashcap.v1.IndexState.$Shape
             */

            /**
             * Constructs a new IndexState.
             * @memberof hashcap.v1
             * @classdesc Represents an IndexState.
             * @constructor
             * @param {hashcap.v1.IndexState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IndexState = function (p) {
                this.milestonesReachedUsd = [];
                this.constituents = [];
                this.removed = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * IndexState id.
             * @member {string} id
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.id = "";

            /**
             * IndexState name.
             * @member {string|null|undefined} name
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.name = null;

            /**
             * IndexState level.
             * @member {number|null|undefined} level
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.level = null;

            /**
             * IndexState previousLevel.
             * @member {number|null|undefined} previousLevel
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.previousLevel = null;

            /**
             * IndexState change.
             * @member {number|null|undefined} change
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.change = null;

            /**
             * IndexState changePct.
             * @member {number|null|undefined} changePct
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.changePct = null;

            /**
             * IndexState marketCapUsd.
             * @member {number|null|undefined} marketCapUsd
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.marketCapUsd = null;

            /**
             * IndexState previousMarketCapUsd.
             * @member {number|null|undefined} previousMarketCapUsd
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.previousMarketCapUsd = null;

            /**
             * IndexState marketCapChangeUsd.
             * @member {number|null|undefined} marketCapChangeUsd
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.marketCapChangeUsd = null;

            /**
             * IndexState divisor.
             * @member {number|null|undefined} divisor
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.divisor = null;

            /**
             * IndexState advancers.
             * @member {number|null|undefined} advancers
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.advancers = null;

            /**
             * IndexState decliners.
             * @member {number|null|undefined} decliners
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.decliners = null;

            /**
             * IndexState unchanged.
             * @member {number|null|undefined} unchanged
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.unchanged = null;

            /**
             * IndexState indicative.
             * @member {boolean|null|undefined} indicative
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.indicative = null;

            /**
             * IndexState nextMilestoneUsd.
             * @member {number|null|undefined} nextMilestoneUsd
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.nextMilestoneUsd = null;

            /**
             * IndexState milestonesReachedUsd.
             * @member {Array.<number>} milestonesReachedUsd
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.milestonesReachedUsd = $util.emptyArray;

            /**
             * IndexState eventAdjustment.
             * @member {number|null|undefined} eventAdjustment
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.eventAdjustment = null;

            /**
             * IndexState constituents.
             * @member {Array.<hashcap.v1.ConstituentState.$Properties>} constituents
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.constituents = $util.emptyArray;

            /**
             * IndexState milestonesChanged.
             * @member {boolean} milestonesChanged
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.milestonesChanged = false;

            /**
             * IndexState removed.
             * @member {Array.<string>} removed
             * @memberof hashcap.v1.IndexState
             * @instance
             */
            IndexState.prototype.removed = $util.emptyArray;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_name", {
                get: $util.oneOfGetter($oneOfFields = ["name"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_level", {
                get: $util.oneOfGetter($oneOfFields = ["level"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_previousLevel", {
                get: $util.oneOfGetter($oneOfFields = ["previousLevel"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_change", {
                get: $util.oneOfGetter($oneOfFields = ["change"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_changePct", {
                get: $util.oneOfGetter($oneOfFields = ["changePct"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_marketCapUsd", {
                get: $util.oneOfGetter($oneOfFields = ["marketCapUsd"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_previousMarketCapUsd", {
                get: $util.oneOfGetter($oneOfFields = ["previousMarketCapUsd"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_marketCapChangeUsd", {
                get: $util.oneOfGetter($oneOfFields = ["marketCapChangeUsd"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_divisor", {
                get: $util.oneOfGetter($oneOfFields = ["divisor"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_advancers", {
                get: $util.oneOfGetter($oneOfFields = ["advancers"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_decliners", {
                get: $util.oneOfGetter($oneOfFields = ["decliners"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_unchanged", {
                get: $util.oneOfGetter($oneOfFields = ["unchanged"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_indicative", {
                get: $util.oneOfGetter($oneOfFields = ["indicative"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_nextMilestoneUsd", {
                get: $util.oneOfGetter($oneOfFields = ["nextMilestoneUsd"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(IndexState.prototype, "_eventAdjustment", {
                get: $util.oneOfGetter($oneOfFields = ["eventAdjustment"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new IndexState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {hashcap.v1.IndexState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.IndexState} IndexState instance
             * @type {{
             *   (properties: hashcap.v1.IndexState.$Shape): hashcap.v1.IndexState & hashcap.v1.IndexState.$Shape;
             *   (properties?: hashcap.v1.IndexState.$Properties): hashcap.v1.IndexState;
             * }}
             */
            IndexState.create = function(properties) {
                return new IndexState(properties);
            };

            /**
             * Encodes the specified IndexState message. Does not implicitly {@link hashcap.v1.IndexState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {hashcap.v1.IndexState.$Properties} m IndexState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IndexState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.level != null && $Object.hasOwnProperty.call(m, "level"))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.level);
                if (m.previousLevel != null && $Object.hasOwnProperty.call(m, "previousLevel"))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.previousLevel);
                if (m.change != null && $Object.hasOwnProperty.call(m, "change"))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.change);
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct"))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.changePct);
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd"))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.marketCapUsd);
                if (m.previousMarketCapUsd != null && $Object.hasOwnProperty.call(m, "previousMarketCapUsd"))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.previousMarketCapUsd);
                if (m.marketCapChangeUsd != null && $Object.hasOwnProperty.call(m, "marketCapChangeUsd"))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.marketCapChangeUsd);
                if (m.divisor != null && $Object.hasOwnProperty.call(m, "divisor"))
                    w.uint32(/* id 10, wireType 1 =*/81).double(m.divisor);
                if (m.advancers != null && $Object.hasOwnProperty.call(m, "advancers"))
                    w.uint32(/* id 11, wireType 0 =*/88).uint32(m.advancers);
                if (m.decliners != null && $Object.hasOwnProperty.call(m, "decliners"))
                    w.uint32(/* id 12, wireType 0 =*/96).uint32(m.decliners);
                if (m.unchanged != null && $Object.hasOwnProperty.call(m, "unchanged"))
                    w.uint32(/* id 13, wireType 0 =*/104).uint32(m.unchanged);
                if (m.indicative != null && $Object.hasOwnProperty.call(m, "indicative"))
                    w.uint32(/* id 14, wireType 0 =*/112).bool(m.indicative);
                if (m.nextMilestoneUsd != null && $Object.hasOwnProperty.call(m, "nextMilestoneUsd"))
                    w.uint32(/* id 15, wireType 1 =*/121).double(m.nextMilestoneUsd);
                if (m.milestonesReachedUsd != null && m.milestonesReachedUsd.length) {
                    w.uint32(/* id 16, wireType 2 =*/130).doubles(m.milestonesReachedUsd);
                }
                if (m.eventAdjustment != null && $Object.hasOwnProperty.call(m, "eventAdjustment"))
                    w.uint32(/* id 17, wireType 1 =*/137).double(m.eventAdjustment);
                if (m.constituents != null && m.constituents.length) {
                    for (var i = 0; i < m.constituents.length; ++i)
                        $root.hashcap.v1.ConstituentState.encode(m.constituents[i], w.uint32(/* id 18, wireType 2 =*/146).fork(), q + 1).ldelim();
                }
                if (m.milestonesChanged != null && $Object.hasOwnProperty.call(m, "milestonesChanged") && m.milestonesChanged !== false)
                    w.uint32(/* id 19, wireType 0 =*/152).bool(m.milestonesChanged);
                if (m.removed != null && m.removed.length) {
                    for (var i = 0; i < m.removed.length; ++i)
                        w.uint32(/* id 20, wireType 2 =*/162).string(m.removed[i]);
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an IndexState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.IndexState & hashcap.v1.IndexState.$Shape} IndexState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IndexState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.IndexState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.id = v;
                            else
                                delete m.id;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.name = r.stringVerify();
                            m._name = "name";
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            m.level = r.double();
                            m._level = "level";
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            m.previousLevel = r.double();
                            m._previousLevel = "previousLevel";
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            m.change = r.double();
                            m._change = "change";
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            m.changePct = r.double();
                            m._changePct = "changePct";
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            m.marketCapUsd = r.double();
                            m._marketCapUsd = "marketCapUsd";
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            m.previousMarketCapUsd = r.double();
                            m._previousMarketCapUsd = "previousMarketCapUsd";
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            m.marketCapChangeUsd = r.double();
                            m._marketCapChangeUsd = "marketCapChangeUsd";
                            continue;
                        }
                    case 10: {
                            if (u !== 1)
                                break;
                            m.divisor = r.double();
                            m._divisor = "divisor";
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            m.advancers = r.uint32();
                            m._advancers = "advancers";
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            m.decliners = r.uint32();
                            m._decliners = "decliners";
                            continue;
                        }
                    case 13: {
                            if (u !== 0)
                                break;
                            m.unchanged = r.uint32();
                            m._unchanged = "unchanged";
                            continue;
                        }
                    case 14: {
                            if (u !== 0)
                                break;
                            m.indicative = r.bool();
                            m._indicative = "indicative";
                            continue;
                        }
                    case 15: {
                            if (u !== 1)
                                break;
                            m.nextMilestoneUsd = r.double();
                            m._nextMilestoneUsd = "nextMilestoneUsd";
                            continue;
                        }
                    case 16: {
                            if (u === 2) {
                                if (!(m.milestonesReachedUsd && m.milestonesReachedUsd.length))
                                    m.milestonesReachedUsd = [];
                                r.doubles(m.milestonesReachedUsd);
                                continue;
                            }
                            if (u !== 1)
                                break;
                            if (!(m.milestonesReachedUsd && m.milestonesReachedUsd.length))
                                m.milestonesReachedUsd = [];
                            m.milestonesReachedUsd.push(r.double());
                            continue;
                        }
                    case 17: {
                            if (u !== 1)
                                break;
                            m.eventAdjustment = r.double();
                            m._eventAdjustment = "eventAdjustment";
                            continue;
                        }
                    case 18: {
                            if (u !== 2)
                                break;
                            if (!(m.constituents && m.constituents.length))
                                m.constituents = [];
                            m.constituents.push($root.hashcap.v1.ConstituentState.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 19: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.milestonesChanged = v;
                            else
                                delete m.milestonesChanged;
                            continue;
                        }
                    case 20: {
                            if (u !== 2)
                                break;
                            if (!(m.removed && m.removed.length))
                                m.removed = [];
                            m.removed.push(r.stringVerify());
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an IndexState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.IndexState} IndexState
             */
            IndexState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.IndexState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.IndexState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.IndexState();
                if (d.id != null) {
                    if (typeof d.id !== "string" || d.id.length) {
                        m.id = $String(d.id);
                    }
                }
                if (d.name != null) {
                    m.name = $String(d.name);
                }
                if (d.level != null) {
                    m.level = $Number(d.level);
                }
                if (d.previousLevel != null) {
                    m.previousLevel = $Number(d.previousLevel);
                }
                if (d.change != null) {
                    m.change = $Number(d.change);
                }
                if (d.changePct != null) {
                    m.changePct = $Number(d.changePct);
                }
                if (d.marketCapUsd != null) {
                    m.marketCapUsd = $Number(d.marketCapUsd);
                }
                if (d.previousMarketCapUsd != null) {
                    m.previousMarketCapUsd = $Number(d.previousMarketCapUsd);
                }
                if (d.marketCapChangeUsd != null) {
                    m.marketCapChangeUsd = $Number(d.marketCapChangeUsd);
                }
                if (d.divisor != null) {
                    m.divisor = $Number(d.divisor);
                }
                if (d.advancers != null) {
                    m.advancers = d.advancers >>> 0;
                }
                if (d.decliners != null) {
                    m.decliners = d.decliners >>> 0;
                }
                if (d.unchanged != null) {
                    m.unchanged = d.unchanged >>> 0;
                }
                if (d.indicative != null) {
                    m.indicative = $Boolean(d.indicative);
                }
                if (d.nextMilestoneUsd != null) {
                    m.nextMilestoneUsd = $Number(d.nextMilestoneUsd);
                }
                if (d.milestonesReachedUsd) {
                    if (!$Array.isArray(d.milestonesReachedUsd))
                        throw $TypeError(".hashcap.v1.IndexState.milestonesReachedUsd: array expected");
                    m.milestonesReachedUsd = $Array(d.milestonesReachedUsd.length);
                    for (var i = 0; i < d.milestonesReachedUsd.length; ++i) {
                        m.milestonesReachedUsd[i] = $Number(d.milestonesReachedUsd[i]);
                    }
                }
                if (d.eventAdjustment != null) {
                    m.eventAdjustment = $Number(d.eventAdjustment);
                }
                if (d.constituents) {
                    if (!$Array.isArray(d.constituents))
                        throw $TypeError(".hashcap.v1.IndexState.constituents: array expected");
                    m.constituents = $Array(d.constituents.length);
                    for (var i = 0; i < d.constituents.length; ++i) {
                        if (!$util.isObject(d.constituents[i]))
                            throw $TypeError(".hashcap.v1.IndexState.constituents: object expected");
                        m.constituents[i] = $root.hashcap.v1.ConstituentState.fromObject(d.constituents[i], q + 1);
                    }
                }
                if (d.milestonesChanged != null) {
                    if (d.milestonesChanged) {
                        m.milestonesChanged = $Boolean(d.milestonesChanged);
                    }
                }
                if (d.removed) {
                    if (!$Array.isArray(d.removed))
                        throw $TypeError(".hashcap.v1.IndexState.removed: array expected");
                    m.removed = $Array(d.removed.length);
                    for (var i = 0; i < d.removed.length; ++i) {
                        m.removed[i] = $String(d.removed[i]);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an IndexState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {hashcap.v1.IndexState} m IndexState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IndexState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.milestonesReachedUsd = [];
                    d.constituents = [];
                    d.removed = [];
                }
                if (o.defaults) {
                    d.id = "";
                    d.milestonesChanged = false;
                }
                if (m.id != null && $Object.hasOwnProperty.call(m, "id")) {
                    d.id = m.id;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.level != null && $Object.hasOwnProperty.call(m, "level")) {
                    d.level = o.json && !$isFinite(m.level) ? $String(m.level) : m.level;
                }
                if (m.previousLevel != null && $Object.hasOwnProperty.call(m, "previousLevel")) {
                    d.previousLevel = o.json && !$isFinite(m.previousLevel) ? $String(m.previousLevel) : m.previousLevel;
                }
                if (m.change != null && $Object.hasOwnProperty.call(m, "change")) {
                    d.change = o.json && !$isFinite(m.change) ? $String(m.change) : m.change;
                }
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct")) {
                    d.changePct = o.json && !$isFinite(m.changePct) ? $String(m.changePct) : m.changePct;
                }
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd")) {
                    d.marketCapUsd = o.json && !$isFinite(m.marketCapUsd) ? $String(m.marketCapUsd) : m.marketCapUsd;
                }
                if (m.previousMarketCapUsd != null && $Object.hasOwnProperty.call(m, "previousMarketCapUsd")) {
                    d.previousMarketCapUsd = o.json && !$isFinite(m.previousMarketCapUsd) ? $String(m.previousMarketCapUsd) : m.previousMarketCapUsd;
                }
                if (m.marketCapChangeUsd != null && $Object.hasOwnProperty.call(m, "marketCapChangeUsd")) {
                    d.marketCapChangeUsd = o.json && !$isFinite(m.marketCapChangeUsd) ? $String(m.marketCapChangeUsd) : m.marketCapChangeUsd;
                }
                if (m.divisor != null && $Object.hasOwnProperty.call(m, "divisor")) {
                    d.divisor = o.json && !$isFinite(m.divisor) ? $String(m.divisor) : m.divisor;
                }
                if (m.advancers != null && $Object.hasOwnProperty.call(m, "advancers")) {
                    d.advancers = m.advancers;
                }
                if (m.decliners != null && $Object.hasOwnProperty.call(m, "decliners")) {
                    d.decliners = m.decliners;
                }
                if (m.unchanged != null && $Object.hasOwnProperty.call(m, "unchanged")) {
                    d.unchanged = m.unchanged;
                }
                if (m.indicative != null && $Object.hasOwnProperty.call(m, "indicative")) {
                    d.indicative = m.indicative;
                }
                if (m.nextMilestoneUsd != null && $Object.hasOwnProperty.call(m, "nextMilestoneUsd")) {
                    d.nextMilestoneUsd = o.json && !$isFinite(m.nextMilestoneUsd) ? $String(m.nextMilestoneUsd) : m.nextMilestoneUsd;
                }
                if (m.milestonesReachedUsd && m.milestonesReachedUsd.length) {
                    d.milestonesReachedUsd = $Array(m.milestonesReachedUsd.length);
                    for (var j = 0; j < m.milestonesReachedUsd.length; ++j) {
                        d.milestonesReachedUsd[j] = o.json && !$isFinite(m.milestonesReachedUsd[j]) ? $String(m.milestonesReachedUsd[j]) : m.milestonesReachedUsd[j];
                    }
                }
                if (m.eventAdjustment != null && $Object.hasOwnProperty.call(m, "eventAdjustment")) {
                    d.eventAdjustment = o.json && !$isFinite(m.eventAdjustment) ? $String(m.eventAdjustment) : m.eventAdjustment;
                }
                if (m.constituents && m.constituents.length) {
                    d.constituents = $Array(m.constituents.length);
                    for (var j = 0; j < m.constituents.length; ++j) {
                        d.constituents[j] = $root.hashcap.v1.ConstituentState.toObject(m.constituents[j], o, q + 1);
                    }
                }
                if (m.milestonesChanged != null && $Object.hasOwnProperty.call(m, "milestonesChanged")) {
                    d.milestonesChanged = m.milestonesChanged;
                }
                if (m.removed && m.removed.length) {
                    d.removed = $Array(m.removed.length);
                    for (var j = 0; j < m.removed.length; ++j) {
                        d.removed[j] = m.removed[j];
                    }
                }
                return d;
            };

            /**
             * Converts this IndexState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.IndexState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IndexState.prototype.toJSON = function() {
                return IndexState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IndexState
             * @function getTypeUrl
             * @memberof hashcap.v1.IndexState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IndexState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.IndexState";
            };

            return IndexState;
        })();

        v1.ConstituentState = (function() {

            /**
             * Properties of a ConstituentState.
             * @typedef {Object} hashcap.v1.ConstituentState.$Properties
             * @property {string|null} [ticker] ConstituentState ticker
             * @property {string|null} [name] ConstituentState name
             * @property {number|null} [last] ConstituentState last
             * @property {number|null} [previousClose] ConstituentState previousClose
             * @property {number|null} [change] ConstituentState change
             * @property {number|null} [changePct] ConstituentState changePct
             * @property {number|null} [marketCapUsd] ConstituentState marketCapUsd
             * @property {number|null} [weight] ConstituentState weight
             * @property {number|null} [contribution] ConstituentState contribution
             * @property {hashcap.v1.Session|null} [session] ConstituentState session
             * @property {number|null} [lastTimeMs] ConstituentState lastTimeMs
             * @property {boolean|null} [halted] ConstituentState halted
             * @property {boolean|null} [stale] ConstituentState stale
             * @property {number|null} [shares] ConstituentState shares
             * @property {number|null} [changeSinceClose] ConstituentState changeSinceClose
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ConstituentState.
             * @memberof hashcap.v1
             * @interface IConstituentState
             * @augments hashcap.v1.ConstituentState.$Properties
             * @deprecated Use hashcap.v1.ConstituentState.$Properties instead.
             */

            /**
             * Shape of a ConstituentState.
             * @typedef {hashcap.v1.ConstituentState.$Properties} hashcap.v1.ConstituentState.$Shape
             */

            /**
             * Constructs a new ConstituentState.
             * @memberof hashcap.v1
             * @classdesc Represents a ConstituentState.
             * @constructor
             * @param {hashcap.v1.ConstituentState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ConstituentState = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * ConstituentState ticker.
             * @member {string} ticker
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.ticker = "";

            /**
             * ConstituentState name.
             * @member {string|null|undefined} name
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.name = null;

            /**
             * ConstituentState last.
             * @member {number|null|undefined} last
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.last = null;

            /**
             * ConstituentState previousClose.
             * @member {number|null|undefined} previousClose
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.previousClose = null;

            /**
             * ConstituentState change.
             * @member {number|null|undefined} change
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.change = null;

            /**
             * ConstituentState changePct.
             * @member {number|null|undefined} changePct
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.changePct = null;

            /**
             * ConstituentState marketCapUsd.
             * @member {number|null|undefined} marketCapUsd
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.marketCapUsd = null;

            /**
             * ConstituentState weight.
             * @member {number|null|undefined} weight
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.weight = null;

            /**
             * ConstituentState contribution.
             * @member {number|null|undefined} contribution
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.contribution = null;

            /**
             * ConstituentState session.
             * @member {hashcap.v1.Session|null|undefined} session
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.session = null;

            /**
             * ConstituentState lastTimeMs.
             * @member {number|null|undefined} lastTimeMs
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.lastTimeMs = null;

            /**
             * ConstituentState halted.
             * @member {boolean|null|undefined} halted
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.halted = null;

            /**
             * ConstituentState stale.
             * @member {boolean|null|undefined} stale
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.stale = null;

            /**
             * ConstituentState shares.
             * @member {number|null|undefined} shares
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.shares = null;

            /**
             * ConstituentState changeSinceClose.
             * @member {number|null|undefined} changeSinceClose
             * @memberof hashcap.v1.ConstituentState
             * @instance
             */
            ConstituentState.prototype.changeSinceClose = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_name", {
                get: $util.oneOfGetter($oneOfFields = ["name"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_last", {
                get: $util.oneOfGetter($oneOfFields = ["last"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_previousClose", {
                get: $util.oneOfGetter($oneOfFields = ["previousClose"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_change", {
                get: $util.oneOfGetter($oneOfFields = ["change"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_changePct", {
                get: $util.oneOfGetter($oneOfFields = ["changePct"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_marketCapUsd", {
                get: $util.oneOfGetter($oneOfFields = ["marketCapUsd"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_weight", {
                get: $util.oneOfGetter($oneOfFields = ["weight"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_contribution", {
                get: $util.oneOfGetter($oneOfFields = ["contribution"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_session", {
                get: $util.oneOfGetter($oneOfFields = ["session"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_lastTimeMs", {
                get: $util.oneOfGetter($oneOfFields = ["lastTimeMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_halted", {
                get: $util.oneOfGetter($oneOfFields = ["halted"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_stale", {
                get: $util.oneOfGetter($oneOfFields = ["stale"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_shares", {
                get: $util.oneOfGetter($oneOfFields = ["shares"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(ConstituentState.prototype, "_changeSinceClose", {
                get: $util.oneOfGetter($oneOfFields = ["changeSinceClose"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new ConstituentState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {hashcap.v1.ConstituentState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.ConstituentState} ConstituentState instance
             * @type {{
             *   (properties: hashcap.v1.ConstituentState.$Shape): hashcap.v1.ConstituentState & hashcap.v1.ConstituentState.$Shape;
             *   (properties?: hashcap.v1.ConstituentState.$Properties): hashcap.v1.ConstituentState;
             * }}
             */
            ConstituentState.create = function(properties) {
                return new ConstituentState(properties);
            };

            /**
             * Encodes the specified ConstituentState message. Does not implicitly {@link hashcap.v1.ConstituentState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {hashcap.v1.ConstituentState.$Properties} m ConstituentState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ConstituentState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.ticker != null && $Object.hasOwnProperty.call(m, "ticker") && m.ticker !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.ticker);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name"))
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.last != null && $Object.hasOwnProperty.call(m, "last"))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.last);
                if (m.previousClose != null && $Object.hasOwnProperty.call(m, "previousClose"))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.previousClose);
                if (m.change != null && $Object.hasOwnProperty.call(m, "change"))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.change);
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct"))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.changePct);
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd"))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.marketCapUsd);
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight"))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.weight);
                if (m.contribution != null && $Object.hasOwnProperty.call(m, "contribution"))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.contribution);
                if (m.session != null && $Object.hasOwnProperty.call(m, "session"))
                    w.uint32(/* id 10, wireType 0 =*/80).int32(m.session);
                if (m.lastTimeMs != null && $Object.hasOwnProperty.call(m, "lastTimeMs"))
                    w.uint32(/* id 11, wireType 1 =*/89).double(m.lastTimeMs);
                if (m.halted != null && $Object.hasOwnProperty.call(m, "halted"))
                    w.uint32(/* id 12, wireType 0 =*/96).bool(m.halted);
                if (m.stale != null && $Object.hasOwnProperty.call(m, "stale"))
                    w.uint32(/* id 13, wireType 0 =*/104).bool(m.stale);
                if (m.shares != null && $Object.hasOwnProperty.call(m, "shares"))
                    w.uint32(/* id 14, wireType 1 =*/113).double(m.shares);
                if (m.changeSinceClose != null && $Object.hasOwnProperty.call(m, "changeSinceClose"))
                    w.uint32(/* id 15, wireType 1 =*/121).double(m.changeSinceClose);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a ConstituentState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.ConstituentState & hashcap.v1.ConstituentState.$Shape} ConstituentState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ConstituentState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.ConstituentState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.ticker = v;
                            else
                                delete m.ticker;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            m.name = r.stringVerify();
                            m._name = "name";
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            m.last = r.double();
                            m._last = "last";
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            m.previousClose = r.double();
                            m._previousClose = "previousClose";
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            m.change = r.double();
                            m._change = "change";
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            m.changePct = r.double();
                            m._changePct = "changePct";
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            m.marketCapUsd = r.double();
                            m._marketCapUsd = "marketCapUsd";
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            m.weight = r.double();
                            m._weight = "weight";
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            m.contribution = r.double();
                            m._contribution = "contribution";
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            m.session = r.int32();
                            m._session = "session";
                            continue;
                        }
                    case 11: {
                            if (u !== 1)
                                break;
                            m.lastTimeMs = r.double();
                            m._lastTimeMs = "lastTimeMs";
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            m.halted = r.bool();
                            m._halted = "halted";
                            continue;
                        }
                    case 13: {
                            if (u !== 0)
                                break;
                            m.stale = r.bool();
                            m._stale = "stale";
                            continue;
                        }
                    case 14: {
                            if (u !== 1)
                                break;
                            m.shares = r.double();
                            m._shares = "shares";
                            continue;
                        }
                    case 15: {
                            if (u !== 1)
                                break;
                            m.changeSinceClose = r.double();
                            m._changeSinceClose = "changeSinceClose";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a ConstituentState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.ConstituentState} ConstituentState
             */
            ConstituentState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.ConstituentState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.ConstituentState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.ConstituentState();
                if (d.ticker != null) {
                    if (typeof d.ticker !== "string" || d.ticker.length) {
                        m.ticker = $String(d.ticker);
                    }
                }
                if (d.name != null) {
                    m.name = $String(d.name);
                }
                if (d.last != null) {
                    m.last = $Number(d.last);
                }
                if (d.previousClose != null) {
                    m.previousClose = $Number(d.previousClose);
                }
                if (d.change != null) {
                    m.change = $Number(d.change);
                }
                if (d.changePct != null) {
                    m.changePct = $Number(d.changePct);
                }
                if (d.marketCapUsd != null) {
                    m.marketCapUsd = $Number(d.marketCapUsd);
                }
                if (d.weight != null) {
                    m.weight = $Number(d.weight);
                }
                if (d.contribution != null) {
                    m.contribution = $Number(d.contribution);
                }
                switch (d.session) {
                case "SESSION_CLOSED":
                case 0:
                    m.session = 0;
                    break;
                case "SESSION_PRE":
                case 1:
                    m.session = 1;
                    break;
                case "SESSION_REGULAR":
                case 2:
                    m.session = 2;
                    break;
                case "SESSION_POST":
                case 3:
                    m.session = 3;
                    break;
                default:
                    if (typeof d.session === "number" && (d.session | 0) === d.session)
                        m.session = d.session;
                }
                if (d.lastTimeMs != null) {
                    m.lastTimeMs = $Number(d.lastTimeMs);
                }
                if (d.halted != null) {
                    m.halted = $Boolean(d.halted);
                }
                if (d.stale != null) {
                    m.stale = $Boolean(d.stale);
                }
                if (d.shares != null) {
                    m.shares = $Number(d.shares);
                }
                if (d.changeSinceClose != null) {
                    m.changeSinceClose = $Number(d.changeSinceClose);
                }
                return m;
            };

            /**
             * Creates a plain object from a ConstituentState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {hashcap.v1.ConstituentState} m ConstituentState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            ConstituentState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.ticker = "";
                }
                if (m.ticker != null && $Object.hasOwnProperty.call(m, "ticker")) {
                    d.ticker = m.ticker;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.last != null && $Object.hasOwnProperty.call(m, "last")) {
                    d.last = o.json && !$isFinite(m.last) ? $String(m.last) : m.last;
                }
                if (m.previousClose != null && $Object.hasOwnProperty.call(m, "previousClose")) {
                    d.previousClose = o.json && !$isFinite(m.previousClose) ? $String(m.previousClose) : m.previousClose;
                }
                if (m.change != null && $Object.hasOwnProperty.call(m, "change")) {
                    d.change = o.json && !$isFinite(m.change) ? $String(m.change) : m.change;
                }
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct")) {
                    d.changePct = o.json && !$isFinite(m.changePct) ? $String(m.changePct) : m.changePct;
                }
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd")) {
                    d.marketCapUsd = o.json && !$isFinite(m.marketCapUsd) ? $String(m.marketCapUsd) : m.marketCapUsd;
                }
                if (m.weight != null && $Object.hasOwnProperty.call(m, "weight")) {
                    d.weight = o.json && !$isFinite(m.weight) ? $String(m.weight) : m.weight;
                }
                if (m.contribution != null && $Object.hasOwnProperty.call(m, "contribution")) {
                    d.contribution = o.json && !$isFinite(m.contribution) ? $String(m.contribution) : m.contribution;
                }
                if (m.session != null && $Object.hasOwnProperty.call(m, "session")) {
                    d.session = o.enums === $String ? $root.hashcap.v1.Session[m.session] === $undefined ? m.session : $root.hashcap.v1.Session[m.session] : m.session;
                }
                if (m.lastTimeMs != null && $Object.hasOwnProperty.call(m, "lastTimeMs")) {
                    d.lastTimeMs = o.json && !$isFinite(m.lastTimeMs) ? $String(m.lastTimeMs) : m.lastTimeMs;
                }
                if (m.halted != null && $Object.hasOwnProperty.call(m, "halted")) {
                    d.halted = m.halted;
                }
                if (m.stale != null && $Object.hasOwnProperty.call(m, "stale")) {
                    d.stale = m.stale;
                }
                if (m.shares != null && $Object.hasOwnProperty.call(m, "shares")) {
                    d.shares = o.json && !$isFinite(m.shares) ? $String(m.shares) : m.shares;
                }
                if (m.changeSinceClose != null && $Object.hasOwnProperty.call(m, "changeSinceClose")) {
                    d.changeSinceClose = o.json && !$isFinite(m.changeSinceClose) ? $String(m.changeSinceClose) : m.changeSinceClose;
                }
                return d;
            };

            /**
             * Converts this ConstituentState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.ConstituentState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            ConstituentState.prototype.toJSON = function() {
                return ConstituentState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for ConstituentState
             * @function getTypeUrl
             * @memberof hashcap.v1.ConstituentState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            ConstituentState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.ConstituentState";
            };

            return ConstituentState;
        })();

        v1.QuotesState = (function() {

            /**
             * Properties of a QuotesState.
             * @typedef {Object} hashcap.v1.QuotesState.$Properties
             * @property {Array.<hashcap.v1.Quote.$Properties>|null} [quotes] QuotesState quotes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a QuotesState.
             * @memberof hashcap.v1
             * @interface IQuotesState
             * @augments hashcap.v1.QuotesState.$Properties
             * @deprecated Use hashcap.v1.QuotesState.$Properties instead.
             */

            /**
             * Shape of a QuotesState.
             * @typedef {hashcap.v1.QuotesState.$Properties} hashcap.v1.QuotesState.$Shape
             */

            /**
             * Constructs a new QuotesState.
             * @memberof hashcap.v1
             * @classdesc Represents a QuotesState.
             * @constructor
             * @param {hashcap.v1.QuotesState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const QuotesState = function (p) {
                this.quotes = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * QuotesState quotes.
             * @member {Array.<hashcap.v1.Quote.$Properties>} quotes
             * @memberof hashcap.v1.QuotesState
             * @instance
             */
            QuotesState.prototype.quotes = $util.emptyArray;

            /**
             * Creates a new QuotesState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {hashcap.v1.QuotesState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.QuotesState} QuotesState instance
             * @type {{
             *   (properties: hashcap.v1.QuotesState.$Shape): hashcap.v1.QuotesState & hashcap.v1.QuotesState.$Shape;
             *   (properties?: hashcap.v1.QuotesState.$Properties): hashcap.v1.QuotesState;
             * }}
             */
            QuotesState.create = function(properties) {
                return new QuotesState(properties);
            };

            /**
             * Encodes the specified QuotesState message. Does not implicitly {@link hashcap.v1.QuotesState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {hashcap.v1.QuotesState.$Properties} m QuotesState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            QuotesState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.quotes != null && m.quotes.length) {
                    for (var i = 0; i < m.quotes.length; ++i)
                        $root.hashcap.v1.Quote.encode(m.quotes[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a QuotesState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.QuotesState & hashcap.v1.QuotesState.$Shape} QuotesState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            QuotesState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.QuotesState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if (!(m.quotes && m.quotes.length))
                                m.quotes = [];
                            m.quotes.push($root.hashcap.v1.Quote.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a QuotesState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.QuotesState} QuotesState
             */
            QuotesState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.QuotesState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.QuotesState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.QuotesState();
                if (d.quotes) {
                    if (!$Array.isArray(d.quotes))
                        throw $TypeError(".hashcap.v1.QuotesState.quotes: array expected");
                    m.quotes = $Array(d.quotes.length);
                    for (var i = 0; i < d.quotes.length; ++i) {
                        if (!$util.isObject(d.quotes[i]))
                            throw $TypeError(".hashcap.v1.QuotesState.quotes: object expected");
                        m.quotes[i] = $root.hashcap.v1.Quote.fromObject(d.quotes[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a QuotesState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {hashcap.v1.QuotesState} m QuotesState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            QuotesState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.quotes = [];
                }
                if (m.quotes && m.quotes.length) {
                    d.quotes = $Array(m.quotes.length);
                    for (var j = 0; j < m.quotes.length; ++j) {
                        d.quotes[j] = $root.hashcap.v1.Quote.toObject(m.quotes[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this QuotesState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.QuotesState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            QuotesState.prototype.toJSON = function() {
                return QuotesState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for QuotesState
             * @function getTypeUrl
             * @memberof hashcap.v1.QuotesState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            QuotesState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.QuotesState";
            };

            return QuotesState;
        })();

        v1.Quote = (function() {

            /**
             * Properties of a Quote.
             * @typedef {Object} hashcap.v1.Quote.$Properties
             * @property {string|null} [symbol] Quote symbol
             * @property {number|null} [last] Quote last
             * @property {number|null} [lastSize] Quote lastSize
             * @property {number|null} [bid] Quote bid
             * @property {number|null} [ask] Quote ask
             * @property {number|null} [bidSize] Quote bidSize
             * @property {number|null} [askSize] Quote askSize
             * @property {number|null} [volume] Quote volume
             * @property {number|null} [previousClose] Quote previousClose
             * @property {number|null} [changePct] Quote changePct
             * @property {hashcap.v1.Session|null} [session] Quote session
             * @property {number|null} [timeMs] Quote timeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Quote.
             * @memberof hashcap.v1
             * @interface IQuote
             * @augments hashcap.v1.Quote.$Properties
             * @deprecated Use hashcap.v1.Quote.$Properties instead.
             */

            /**
             * Shape of a Quote.
             * @typedef {hashcap.v1.Quote.$Properties} hashcap.v1.Quote.$Shape
             */

            /**
             * Constructs a new Quote.
             * @memberof hashcap.v1
             * @classdesc Represents a Quote.
             * @constructor
             * @param {hashcap.v1.Quote.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Quote = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Quote symbol.
             * @member {string} symbol
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.symbol = "";

            /**
             * Quote last.
             * @member {number|null|undefined} last
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.last = null;

            /**
             * Quote lastSize.
             * @member {number|null|undefined} lastSize
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.lastSize = null;

            /**
             * Quote bid.
             * @member {number|null|undefined} bid
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.bid = null;

            /**
             * Quote ask.
             * @member {number|null|undefined} ask
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.ask = null;

            /**
             * Quote bidSize.
             * @member {number|null|undefined} bidSize
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.bidSize = null;

            /**
             * Quote askSize.
             * @member {number|null|undefined} askSize
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.askSize = null;

            /**
             * Quote volume.
             * @member {number|null|undefined} volume
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.volume = null;

            /**
             * Quote previousClose.
             * @member {number|null|undefined} previousClose
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.previousClose = null;

            /**
             * Quote changePct.
             * @member {number|null|undefined} changePct
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.changePct = null;

            /**
             * Quote session.
             * @member {hashcap.v1.Session|null|undefined} session
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.session = null;

            /**
             * Quote timeMs.
             * @member {number|null|undefined} timeMs
             * @memberof hashcap.v1.Quote
             * @instance
             */
            Quote.prototype.timeMs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_last", {
                get: $util.oneOfGetter($oneOfFields = ["last"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_lastSize", {
                get: $util.oneOfGetter($oneOfFields = ["lastSize"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_bid", {
                get: $util.oneOfGetter($oneOfFields = ["bid"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_ask", {
                get: $util.oneOfGetter($oneOfFields = ["ask"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_bidSize", {
                get: $util.oneOfGetter($oneOfFields = ["bidSize"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_askSize", {
                get: $util.oneOfGetter($oneOfFields = ["askSize"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_volume", {
                get: $util.oneOfGetter($oneOfFields = ["volume"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_previousClose", {
                get: $util.oneOfGetter($oneOfFields = ["previousClose"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_changePct", {
                get: $util.oneOfGetter($oneOfFields = ["changePct"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_session", {
                get: $util.oneOfGetter($oneOfFields = ["session"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(Quote.prototype, "_timeMs", {
                get: $util.oneOfGetter($oneOfFields = ["timeMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new Quote instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Quote
             * @static
             * @param {hashcap.v1.Quote.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Quote} Quote instance
             * @type {{
             *   (properties: hashcap.v1.Quote.$Shape): hashcap.v1.Quote & hashcap.v1.Quote.$Shape;
             *   (properties?: hashcap.v1.Quote.$Properties): hashcap.v1.Quote;
             * }}
             */
            Quote.create = function(properties) {
                return new Quote(properties);
            };

            /**
             * Encodes the specified Quote message. Does not implicitly {@link hashcap.v1.Quote.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Quote
             * @static
             * @param {hashcap.v1.Quote.$Properties} m Quote message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Quote.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.symbol);
                if (m.last != null && $Object.hasOwnProperty.call(m, "last"))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.last);
                if (m.lastSize != null && $Object.hasOwnProperty.call(m, "lastSize"))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.lastSize);
                if (m.bid != null && $Object.hasOwnProperty.call(m, "bid"))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.bid);
                if (m.ask != null && $Object.hasOwnProperty.call(m, "ask"))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.ask);
                if (m.bidSize != null && $Object.hasOwnProperty.call(m, "bidSize"))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.bidSize);
                if (m.askSize != null && $Object.hasOwnProperty.call(m, "askSize"))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.askSize);
                if (m.volume != null && $Object.hasOwnProperty.call(m, "volume"))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.volume);
                if (m.previousClose != null && $Object.hasOwnProperty.call(m, "previousClose"))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.previousClose);
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct"))
                    w.uint32(/* id 10, wireType 1 =*/81).double(m.changePct);
                if (m.session != null && $Object.hasOwnProperty.call(m, "session"))
                    w.uint32(/* id 11, wireType 0 =*/88).int32(m.session);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs"))
                    w.uint32(/* id 12, wireType 1 =*/97).double(m.timeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Quote message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Quote
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Quote & hashcap.v1.Quote.$Shape} Quote
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Quote.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Quote();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            m.last = r.double();
                            m._last = "last";
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            m.lastSize = r.double();
                            m._lastSize = "lastSize";
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            m.bid = r.double();
                            m._bid = "bid";
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            m.ask = r.double();
                            m._ask = "ask";
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            m.bidSize = r.double();
                            m._bidSize = "bidSize";
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            m.askSize = r.double();
                            m._askSize = "askSize";
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            m.volume = r.double();
                            m._volume = "volume";
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            m.previousClose = r.double();
                            m._previousClose = "previousClose";
                            continue;
                        }
                    case 10: {
                            if (u !== 1)
                                break;
                            m.changePct = r.double();
                            m._changePct = "changePct";
                            continue;
                        }
                    case 11: {
                            if (u !== 0)
                                break;
                            m.session = r.int32();
                            m._session = "session";
                            continue;
                        }
                    case 12: {
                            if (u !== 1)
                                break;
                            m.timeMs = r.double();
                            m._timeMs = "timeMs";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Quote message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Quote
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Quote} Quote
             */
            Quote.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Quote)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Quote: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Quote();
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.last != null) {
                    m.last = $Number(d.last);
                }
                if (d.lastSize != null) {
                    m.lastSize = $Number(d.lastSize);
                }
                if (d.bid != null) {
                    m.bid = $Number(d.bid);
                }
                if (d.ask != null) {
                    m.ask = $Number(d.ask);
                }
                if (d.bidSize != null) {
                    m.bidSize = $Number(d.bidSize);
                }
                if (d.askSize != null) {
                    m.askSize = $Number(d.askSize);
                }
                if (d.volume != null) {
                    m.volume = $Number(d.volume);
                }
                if (d.previousClose != null) {
                    m.previousClose = $Number(d.previousClose);
                }
                if (d.changePct != null) {
                    m.changePct = $Number(d.changePct);
                }
                switch (d.session) {
                case "SESSION_CLOSED":
                case 0:
                    m.session = 0;
                    break;
                case "SESSION_PRE":
                case 1:
                    m.session = 1;
                    break;
                case "SESSION_REGULAR":
                case 2:
                    m.session = 2;
                    break;
                case "SESSION_POST":
                case 3:
                    m.session = 3;
                    break;
                default:
                    if (typeof d.session === "number" && (d.session | 0) === d.session)
                        m.session = d.session;
                }
                if (d.timeMs != null) {
                    m.timeMs = $Number(d.timeMs);
                }
                return m;
            };

            /**
             * Creates a plain object from a Quote message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Quote
             * @static
             * @param {hashcap.v1.Quote} m Quote
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Quote.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.symbol = "";
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.last != null && $Object.hasOwnProperty.call(m, "last")) {
                    d.last = o.json && !$isFinite(m.last) ? $String(m.last) : m.last;
                }
                if (m.lastSize != null && $Object.hasOwnProperty.call(m, "lastSize")) {
                    d.lastSize = o.json && !$isFinite(m.lastSize) ? $String(m.lastSize) : m.lastSize;
                }
                if (m.bid != null && $Object.hasOwnProperty.call(m, "bid")) {
                    d.bid = o.json && !$isFinite(m.bid) ? $String(m.bid) : m.bid;
                }
                if (m.ask != null && $Object.hasOwnProperty.call(m, "ask")) {
                    d.ask = o.json && !$isFinite(m.ask) ? $String(m.ask) : m.ask;
                }
                if (m.bidSize != null && $Object.hasOwnProperty.call(m, "bidSize")) {
                    d.bidSize = o.json && !$isFinite(m.bidSize) ? $String(m.bidSize) : m.bidSize;
                }
                if (m.askSize != null && $Object.hasOwnProperty.call(m, "askSize")) {
                    d.askSize = o.json && !$isFinite(m.askSize) ? $String(m.askSize) : m.askSize;
                }
                if (m.volume != null && $Object.hasOwnProperty.call(m, "volume")) {
                    d.volume = o.json && !$isFinite(m.volume) ? $String(m.volume) : m.volume;
                }
                if (m.previousClose != null && $Object.hasOwnProperty.call(m, "previousClose")) {
                    d.previousClose = o.json && !$isFinite(m.previousClose) ? $String(m.previousClose) : m.previousClose;
                }
                if (m.changePct != null && $Object.hasOwnProperty.call(m, "changePct")) {
                    d.changePct = o.json && !$isFinite(m.changePct) ? $String(m.changePct) : m.changePct;
                }
                if (m.session != null && $Object.hasOwnProperty.call(m, "session")) {
                    d.session = o.enums === $String ? $root.hashcap.v1.Session[m.session] === $undefined ? m.session : $root.hashcap.v1.Session[m.session] : m.session;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    d.timeMs = o.json && !$isFinite(m.timeMs) ? $String(m.timeMs) : m.timeMs;
                }
                return d;
            };

            /**
             * Converts this Quote to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Quote
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Quote.prototype.toJSON = function() {
                return Quote.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Quote
             * @function getTypeUrl
             * @memberof hashcap.v1.Quote
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Quote.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Quote";
            };

            return Quote;
        })();

        v1.BarsState = (function() {

            /**
             * Properties of a BarsState.
             * @typedef {Object} hashcap.v1.BarsState.$Properties
             * @property {string|null} [index] BarsState index
             * @property {number|null} [intervalS] BarsState intervalS
             * @property {Array.<hashcap.v1.Bar.$Properties>|null} [bars] BarsState bars
             * @property {number|null} [maxBars] BarsState maxBars
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a BarsState.
             * @memberof hashcap.v1
             * @interface IBarsState
             * @augments hashcap.v1.BarsState.$Properties
             * @deprecated Use hashcap.v1.BarsState.$Properties instead.
             */

            /**
             * Shape of a BarsState.
             * @typedef {hashcap.v1.BarsState.$Properties} hashcap.v1.BarsState.$Shape
             */

            /**
             * Constructs a new BarsState.
             * @memberof hashcap.v1
             * @classdesc Represents a BarsState.
             * @constructor
             * @param {hashcap.v1.BarsState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const BarsState = function (p) {
                this.bars = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * BarsState index.
             * @member {string} index
             * @memberof hashcap.v1.BarsState
             * @instance
             */
            BarsState.prototype.index = "";

            /**
             * BarsState intervalS.
             * @member {number} intervalS
             * @memberof hashcap.v1.BarsState
             * @instance
             */
            BarsState.prototype.intervalS = 0;

            /**
             * BarsState bars.
             * @member {Array.<hashcap.v1.Bar.$Properties>} bars
             * @memberof hashcap.v1.BarsState
             * @instance
             */
            BarsState.prototype.bars = $util.emptyArray;

            /**
             * BarsState maxBars.
             * @member {number} maxBars
             * @memberof hashcap.v1.BarsState
             * @instance
             */
            BarsState.prototype.maxBars = 0;

            /**
             * Creates a new BarsState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {hashcap.v1.BarsState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.BarsState} BarsState instance
             * @type {{
             *   (properties: hashcap.v1.BarsState.$Shape): hashcap.v1.BarsState & hashcap.v1.BarsState.$Shape;
             *   (properties?: hashcap.v1.BarsState.$Properties): hashcap.v1.BarsState;
             * }}
             */
            BarsState.create = function(properties) {
                return new BarsState(properties);
            };

            /**
             * Encodes the specified BarsState message. Does not implicitly {@link hashcap.v1.BarsState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {hashcap.v1.BarsState.$Properties} m BarsState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            BarsState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.index);
                if (m.intervalS != null && $Object.hasOwnProperty.call(m, "intervalS") && m.intervalS !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.intervalS);
                if (m.bars != null && m.bars.length) {
                    for (var i = 0; i < m.bars.length; ++i)
                        $root.hashcap.v1.Bar.encode(m.bars[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.maxBars != null && $Object.hasOwnProperty.call(m, "maxBars") && m.maxBars !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.maxBars);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a BarsState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.BarsState & hashcap.v1.BarsState.$Shape} BarsState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            BarsState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.BarsState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.intervalS = v;
                            else
                                delete m.intervalS;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.bars && m.bars.length))
                                m.bars = [];
                            m.bars.push($root.hashcap.v1.Bar.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxBars = v;
                            else
                                delete m.maxBars;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a BarsState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.BarsState} BarsState
             */
            BarsState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.BarsState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.BarsState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.BarsState();
                if (d.index != null) {
                    if (typeof d.index !== "string" || d.index.length) {
                        m.index = $String(d.index);
                    }
                }
                if (d.intervalS != null) {
                    if ($Number(d.intervalS) !== 0) {
                        m.intervalS = d.intervalS >>> 0;
                    }
                }
                if (d.bars) {
                    if (!$Array.isArray(d.bars))
                        throw $TypeError(".hashcap.v1.BarsState.bars: array expected");
                    m.bars = $Array(d.bars.length);
                    for (var i = 0; i < d.bars.length; ++i) {
                        if (!$util.isObject(d.bars[i]))
                            throw $TypeError(".hashcap.v1.BarsState.bars: object expected");
                        m.bars[i] = $root.hashcap.v1.Bar.fromObject(d.bars[i], q + 1);
                    }
                }
                if (d.maxBars != null) {
                    if ($Number(d.maxBars) !== 0) {
                        m.maxBars = d.maxBars >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a BarsState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {hashcap.v1.BarsState} m BarsState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            BarsState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.bars = [];
                }
                if (o.defaults) {
                    d.index = "";
                    d.intervalS = 0;
                    d.maxBars = 0;
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.intervalS != null && $Object.hasOwnProperty.call(m, "intervalS")) {
                    d.intervalS = m.intervalS;
                }
                if (m.bars && m.bars.length) {
                    d.bars = $Array(m.bars.length);
                    for (var j = 0; j < m.bars.length; ++j) {
                        d.bars[j] = $root.hashcap.v1.Bar.toObject(m.bars[j], o, q + 1);
                    }
                }
                if (m.maxBars != null && $Object.hasOwnProperty.call(m, "maxBars")) {
                    d.maxBars = m.maxBars;
                }
                return d;
            };

            /**
             * Converts this BarsState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.BarsState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            BarsState.prototype.toJSON = function() {
                return BarsState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for BarsState
             * @function getTypeUrl
             * @memberof hashcap.v1.BarsState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            BarsState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.BarsState";
            };

            return BarsState;
        })();

        v1.Bar = (function() {

            /**
             * Properties of a Bar.
             * @typedef {Object} hashcap.v1.Bar.$Properties
             * @property {number|null} [startMs] Bar startMs
             * @property {number|null} [open] Bar open
             * @property {number|null} [high] Bar high
             * @property {number|null} [low] Bar low
             * @property {number|null} [close] Bar close
             * @property {number|null} [prints] Bar prints
             * @property {hashcap.v1.Session|null} [session] Bar session
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Bar.
             * @memberof hashcap.v1
             * @interface IBar
             * @augments hashcap.v1.Bar.$Properties
             * @deprecated Use hashcap.v1.Bar.$Properties instead.
             */

            /**
             * Shape of a Bar.
             * @typedef {hashcap.v1.Bar.$Properties} hashcap.v1.Bar.$Shape
             */

            /**
             * Constructs a new Bar.
             * @memberof hashcap.v1
             * @classdesc Represents a Bar.
             * @constructor
             * @param {hashcap.v1.Bar.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Bar = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Bar startMs.
             * @member {number} startMs
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.startMs = 0;

            /**
             * Bar open.
             * @member {number} open
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.open = 0;

            /**
             * Bar high.
             * @member {number} high
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.high = 0;

            /**
             * Bar low.
             * @member {number} low
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.low = 0;

            /**
             * Bar close.
             * @member {number} close
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.close = 0;

            /**
             * Bar prints.
             * @member {number} prints
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.prints = 0;

            /**
             * Bar session.
             * @member {hashcap.v1.Session} session
             * @memberof hashcap.v1.Bar
             * @instance
             */
            Bar.prototype.session = 0;

            /**
             * Creates a new Bar instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Bar
             * @static
             * @param {hashcap.v1.Bar.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Bar} Bar instance
             * @type {{
             *   (properties: hashcap.v1.Bar.$Shape): hashcap.v1.Bar & hashcap.v1.Bar.$Shape;
             *   (properties?: hashcap.v1.Bar.$Properties): hashcap.v1.Bar;
             * }}
             */
            Bar.create = function(properties) {
                return new Bar(properties);
            };

            /**
             * Encodes the specified Bar message. Does not implicitly {@link hashcap.v1.Bar.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Bar
             * @static
             * @param {hashcap.v1.Bar.$Properties} m Bar message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Bar.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.startMs != null && $Object.hasOwnProperty.call(m, "startMs") && !$Object.is(m.startMs, 0))
                    w.uint32(/* id 1, wireType 1 =*/9).double(m.startMs);
                if (m.open != null && $Object.hasOwnProperty.call(m, "open") && !$Object.is(m.open, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.open);
                if (m.high != null && $Object.hasOwnProperty.call(m, "high") && !$Object.is(m.high, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.high);
                if (m.low != null && $Object.hasOwnProperty.call(m, "low") && !$Object.is(m.low, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.low);
                if (m.close != null && $Object.hasOwnProperty.call(m, "close") && !$Object.is(m.close, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.close);
                if (m.prints != null && $Object.hasOwnProperty.call(m, "prints") && m.prints !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.prints);
                if (m.session != null && $Object.hasOwnProperty.call(m, "session") && m.session !== 0)
                    w.uint32(/* id 7, wireType 0 =*/56).int32(m.session);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Bar message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Bar
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Bar & hashcap.v1.Bar.$Shape} Bar
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Bar.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Bar();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.startMs = v;
                            else
                                delete m.startMs;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.open = v;
                            else
                                delete m.open;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.high = v;
                            else
                                delete m.high;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.low = v;
                            else
                                delete m.low;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.close = v;
                            else
                                delete m.close;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.prints = v;
                            else
                                delete m.prints;
                            continue;
                        }
                    case 7: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.session = v;
                            else
                                delete m.session;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Bar message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Bar
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Bar} Bar
             */
            Bar.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Bar)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Bar: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Bar();
                if (d.startMs != null) {
                    if (!$Object.is($Number(d.startMs), 0)) {
                        m.startMs = $Number(d.startMs);
                    }
                }
                if (d.open != null) {
                    if (!$Object.is($Number(d.open), 0)) {
                        m.open = $Number(d.open);
                    }
                }
                if (d.high != null) {
                    if (!$Object.is($Number(d.high), 0)) {
                        m.high = $Number(d.high);
                    }
                }
                if (d.low != null) {
                    if (!$Object.is($Number(d.low), 0)) {
                        m.low = $Number(d.low);
                    }
                }
                if (d.close != null) {
                    if (!$Object.is($Number(d.close), 0)) {
                        m.close = $Number(d.close);
                    }
                }
                if (d.prints != null) {
                    if ($Number(d.prints) !== 0) {
                        m.prints = d.prints >>> 0;
                    }
                }
                if (d.session !== 0 && (typeof d.session !== "string" || $root.hashcap.v1.Session[d.session] !== 0)) {
                    switch (d.session) {
                    case "SESSION_CLOSED":
                    case 0:
                        m.session = 0;
                        break;
                    case "SESSION_PRE":
                    case 1:
                        m.session = 1;
                        break;
                    case "SESSION_REGULAR":
                    case 2:
                        m.session = 2;
                        break;
                    case "SESSION_POST":
                    case 3:
                        m.session = 3;
                        break;
                    default:
                        if (typeof d.session === "number" && (d.session | 0) === d.session)
                            m.session = d.session;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Bar message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Bar
             * @static
             * @param {hashcap.v1.Bar} m Bar
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Bar.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.startMs = 0;
                    d.open = 0;
                    d.high = 0;
                    d.low = 0;
                    d.close = 0;
                    d.prints = 0;
                    d.session = o.enums === $String ? "SESSION_CLOSED" : 0;
                }
                if (m.startMs != null && $Object.hasOwnProperty.call(m, "startMs")) {
                    d.startMs = o.json && !$isFinite(m.startMs) ? $String(m.startMs) : m.startMs;
                }
                if (m.open != null && $Object.hasOwnProperty.call(m, "open")) {
                    d.open = o.json && !$isFinite(m.open) ? $String(m.open) : m.open;
                }
                if (m.high != null && $Object.hasOwnProperty.call(m, "high")) {
                    d.high = o.json && !$isFinite(m.high) ? $String(m.high) : m.high;
                }
                if (m.low != null && $Object.hasOwnProperty.call(m, "low")) {
                    d.low = o.json && !$isFinite(m.low) ? $String(m.low) : m.low;
                }
                if (m.close != null && $Object.hasOwnProperty.call(m, "close")) {
                    d.close = o.json && !$isFinite(m.close) ? $String(m.close) : m.close;
                }
                if (m.prints != null && $Object.hasOwnProperty.call(m, "prints")) {
                    d.prints = m.prints;
                }
                if (m.session != null && $Object.hasOwnProperty.call(m, "session")) {
                    d.session = o.enums === $String ? $root.hashcap.v1.Session[m.session] === $undefined ? m.session : $root.hashcap.v1.Session[m.session] : m.session;
                }
                return d;
            };

            /**
             * Converts this Bar to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Bar
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Bar.prototype.toJSON = function() {
                return Bar.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Bar
             * @function getTypeUrl
             * @memberof hashcap.v1.Bar
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Bar.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Bar";
            };

            return Bar;
        })();

        v1.StatusState = (function() {

            /**
             * Properties of a StatusState.
             * @typedef {Object} hashcap.v1.StatusState.$Properties
             * @property {hashcap.v1.Session|null} [session] StatusState session
             * @property {number|null} [nextSessionChangeMs] StatusState nextSessionChangeMs
             * @property {hashcap.v1.Session|null} [nextSession] StatusState nextSession
             * @property {Array.<hashcap.v1.SymbolFlags.$Properties>|null} [symbols] StatusState symbols
             * @property {Array.<hashcap.v1.MilestoneCrossing.$Properties>|null} [milestones] StatusState milestones
             * @property {Array.<hashcap.v1.Notice.$Properties>|null} [notices] StatusState notices
             * @property {Array.<hashcap.v1.RejectCount.$Properties>|null} [rejects] StatusState rejects
             * @property {number|null} [maxRecent] StatusState maxRecent
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a StatusState.
             * @memberof hashcap.v1
             * @interface IStatusState
             * @augments hashcap.v1.StatusState.$Properties
             * @deprecated Use hashcap.v1.StatusState.$Properties instead.
             */

            /**
             * Shape of a StatusState.
             * @typedef {hashcap.v1.StatusState.$Properties} hashcap.v1.StatusState.$Shape
             */

            /**
             * Constructs a new StatusState.
             * @memberof hashcap.v1
             * @classdesc Represents a StatusState.
             * @constructor
             * @param {hashcap.v1.StatusState.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const StatusState = function (p) {
                this.symbols = [];
                this.milestones = [];
                this.notices = [];
                this.rejects = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * StatusState session.
             * @member {hashcap.v1.Session|null|undefined} session
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.session = null;

            /**
             * StatusState nextSessionChangeMs.
             * @member {number|null|undefined} nextSessionChangeMs
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.nextSessionChangeMs = null;

            /**
             * StatusState nextSession.
             * @member {hashcap.v1.Session|null|undefined} nextSession
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.nextSession = null;

            /**
             * StatusState symbols.
             * @member {Array.<hashcap.v1.SymbolFlags.$Properties>} symbols
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.symbols = $util.emptyArray;

            /**
             * StatusState milestones.
             * @member {Array.<hashcap.v1.MilestoneCrossing.$Properties>} milestones
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.milestones = $util.emptyArray;

            /**
             * StatusState notices.
             * @member {Array.<hashcap.v1.Notice.$Properties>} notices
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.notices = $util.emptyArray;

            /**
             * StatusState rejects.
             * @member {Array.<hashcap.v1.RejectCount.$Properties>} rejects
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.rejects = $util.emptyArray;

            /**
             * StatusState maxRecent.
             * @member {number} maxRecent
             * @memberof hashcap.v1.StatusState
             * @instance
             */
            StatusState.prototype.maxRecent = 0;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(StatusState.prototype, "_session", {
                get: $util.oneOfGetter($oneOfFields = ["session"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(StatusState.prototype, "_nextSessionChangeMs", {
                get: $util.oneOfGetter($oneOfFields = ["nextSessionChangeMs"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(StatusState.prototype, "_nextSession", {
                get: $util.oneOfGetter($oneOfFields = ["nextSession"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new StatusState instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {hashcap.v1.StatusState.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.StatusState} StatusState instance
             * @type {{
             *   (properties: hashcap.v1.StatusState.$Shape): hashcap.v1.StatusState & hashcap.v1.StatusState.$Shape;
             *   (properties?: hashcap.v1.StatusState.$Properties): hashcap.v1.StatusState;
             * }}
             */
            StatusState.create = function(properties) {
                return new StatusState(properties);
            };

            /**
             * Encodes the specified StatusState message. Does not implicitly {@link hashcap.v1.StatusState.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {hashcap.v1.StatusState.$Properties} m StatusState message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            StatusState.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.session != null && $Object.hasOwnProperty.call(m, "session"))
                    w.uint32(/* id 1, wireType 0 =*/8).int32(m.session);
                if (m.nextSessionChangeMs != null && $Object.hasOwnProperty.call(m, "nextSessionChangeMs"))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.nextSessionChangeMs);
                if (m.nextSession != null && $Object.hasOwnProperty.call(m, "nextSession"))
                    w.uint32(/* id 3, wireType 0 =*/24).int32(m.nextSession);
                if (m.symbols != null && m.symbols.length) {
                    for (var i = 0; i < m.symbols.length; ++i)
                        $root.hashcap.v1.SymbolFlags.encode(m.symbols[i], w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                }
                if (m.milestones != null && m.milestones.length) {
                    for (var i = 0; i < m.milestones.length; ++i)
                        $root.hashcap.v1.MilestoneCrossing.encode(m.milestones[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
                }
                if (m.notices != null && m.notices.length) {
                    for (var i = 0; i < m.notices.length; ++i)
                        $root.hashcap.v1.Notice.encode(m.notices[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.rejects != null && m.rejects.length) {
                    for (var i = 0; i < m.rejects.length; ++i)
                        $root.hashcap.v1.RejectCount.encode(m.rejects[i], w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
                }
                if (m.maxRecent != null && $Object.hasOwnProperty.call(m, "maxRecent") && m.maxRecent !== 0)
                    w.uint32(/* id 8, wireType 0 =*/64).uint32(m.maxRecent);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a StatusState message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.StatusState & hashcap.v1.StatusState.$Shape} StatusState
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            StatusState.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.StatusState();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            m.session = r.int32();
                            m._session = "session";
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            m.nextSessionChangeMs = r.double();
                            m._nextSessionChangeMs = "nextSessionChangeMs";
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            m.nextSession = r.int32();
                            m._nextSession = "nextSession";
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if (!(m.symbols && m.symbols.length))
                                m.symbols = [];
                            m.symbols.push($root.hashcap.v1.SymbolFlags.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if (!(m.milestones && m.milestones.length))
                                m.milestones = [];
                            m.milestones.push($root.hashcap.v1.MilestoneCrossing.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.notices && m.notices.length))
                                m.notices = [];
                            m.notices.push($root.hashcap.v1.Notice.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 7: {
                            if (u !== 2)
                                break;
                            if (!(m.rejects && m.rejects.length))
                                m.rejects = [];
                            m.rejects.push($root.hashcap.v1.RejectCount.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 8: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.maxRecent = v;
                            else
                                delete m.maxRecent;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a StatusState message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.StatusState} StatusState
             */
            StatusState.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.StatusState)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.StatusState: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.StatusState();
                switch (d.session) {
                case "SESSION_CLOSED":
                case 0:
                    m.session = 0;
                    break;
                case "SESSION_PRE":
                case 1:
                    m.session = 1;
                    break;
                case "SESSION_REGULAR":
                case 2:
                    m.session = 2;
                    break;
                case "SESSION_POST":
                case 3:
                    m.session = 3;
                    break;
                default:
                    if (typeof d.session === "number" && (d.session | 0) === d.session)
                        m.session = d.session;
                }
                if (d.nextSessionChangeMs != null) {
                    m.nextSessionChangeMs = $Number(d.nextSessionChangeMs);
                }
                switch (d.nextSession) {
                case "SESSION_CLOSED":
                case 0:
                    m.nextSession = 0;
                    break;
                case "SESSION_PRE":
                case 1:
                    m.nextSession = 1;
                    break;
                case "SESSION_REGULAR":
                case 2:
                    m.nextSession = 2;
                    break;
                case "SESSION_POST":
                case 3:
                    m.nextSession = 3;
                    break;
                default:
                    if (typeof d.nextSession === "number" && (d.nextSession | 0) === d.nextSession)
                        m.nextSession = d.nextSession;
                }
                if (d.symbols) {
                    if (!$Array.isArray(d.symbols))
                        throw $TypeError(".hashcap.v1.StatusState.symbols: array expected");
                    m.symbols = $Array(d.symbols.length);
                    for (var i = 0; i < d.symbols.length; ++i) {
                        if (!$util.isObject(d.symbols[i]))
                            throw $TypeError(".hashcap.v1.StatusState.symbols: object expected");
                        m.symbols[i] = $root.hashcap.v1.SymbolFlags.fromObject(d.symbols[i], q + 1);
                    }
                }
                if (d.milestones) {
                    if (!$Array.isArray(d.milestones))
                        throw $TypeError(".hashcap.v1.StatusState.milestones: array expected");
                    m.milestones = $Array(d.milestones.length);
                    for (var i = 0; i < d.milestones.length; ++i) {
                        if (!$util.isObject(d.milestones[i]))
                            throw $TypeError(".hashcap.v1.StatusState.milestones: object expected");
                        m.milestones[i] = $root.hashcap.v1.MilestoneCrossing.fromObject(d.milestones[i], q + 1);
                    }
                }
                if (d.notices) {
                    if (!$Array.isArray(d.notices))
                        throw $TypeError(".hashcap.v1.StatusState.notices: array expected");
                    m.notices = $Array(d.notices.length);
                    for (var i = 0; i < d.notices.length; ++i) {
                        if (!$util.isObject(d.notices[i]))
                            throw $TypeError(".hashcap.v1.StatusState.notices: object expected");
                        m.notices[i] = $root.hashcap.v1.Notice.fromObject(d.notices[i], q + 1);
                    }
                }
                if (d.rejects) {
                    if (!$Array.isArray(d.rejects))
                        throw $TypeError(".hashcap.v1.StatusState.rejects: array expected");
                    m.rejects = $Array(d.rejects.length);
                    for (var i = 0; i < d.rejects.length; ++i) {
                        if (!$util.isObject(d.rejects[i]))
                            throw $TypeError(".hashcap.v1.StatusState.rejects: object expected");
                        m.rejects[i] = $root.hashcap.v1.RejectCount.fromObject(d.rejects[i], q + 1);
                    }
                }
                if (d.maxRecent != null) {
                    if ($Number(d.maxRecent) !== 0) {
                        m.maxRecent = d.maxRecent >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a StatusState message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {hashcap.v1.StatusState} m StatusState
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            StatusState.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.symbols = [];
                    d.milestones = [];
                    d.notices = [];
                    d.rejects = [];
                }
                if (o.defaults) {
                    d.maxRecent = 0;
                }
                if (m.session != null && $Object.hasOwnProperty.call(m, "session")) {
                    d.session = o.enums === $String ? $root.hashcap.v1.Session[m.session] === $undefined ? m.session : $root.hashcap.v1.Session[m.session] : m.session;
                }
                if (m.nextSessionChangeMs != null && $Object.hasOwnProperty.call(m, "nextSessionChangeMs")) {
                    d.nextSessionChangeMs = o.json && !$isFinite(m.nextSessionChangeMs) ? $String(m.nextSessionChangeMs) : m.nextSessionChangeMs;
                }
                if (m.nextSession != null && $Object.hasOwnProperty.call(m, "nextSession")) {
                    d.nextSession = o.enums === $String ? $root.hashcap.v1.Session[m.nextSession] === $undefined ? m.nextSession : $root.hashcap.v1.Session[m.nextSession] : m.nextSession;
                }
                if (m.symbols && m.symbols.length) {
                    d.symbols = $Array(m.symbols.length);
                    for (var j = 0; j < m.symbols.length; ++j) {
                        d.symbols[j] = $root.hashcap.v1.SymbolFlags.toObject(m.symbols[j], o, q + 1);
                    }
                }
                if (m.milestones && m.milestones.length) {
                    d.milestones = $Array(m.milestones.length);
                    for (var j = 0; j < m.milestones.length; ++j) {
                        d.milestones[j] = $root.hashcap.v1.MilestoneCrossing.toObject(m.milestones[j], o, q + 1);
                    }
                }
                if (m.notices && m.notices.length) {
                    d.notices = $Array(m.notices.length);
                    for (var j = 0; j < m.notices.length; ++j) {
                        d.notices[j] = $root.hashcap.v1.Notice.toObject(m.notices[j], o, q + 1);
                    }
                }
                if (m.rejects && m.rejects.length) {
                    d.rejects = $Array(m.rejects.length);
                    for (var j = 0; j < m.rejects.length; ++j) {
                        d.rejects[j] = $root.hashcap.v1.RejectCount.toObject(m.rejects[j], o, q + 1);
                    }
                }
                if (m.maxRecent != null && $Object.hasOwnProperty.call(m, "maxRecent")) {
                    d.maxRecent = m.maxRecent;
                }
                return d;
            };

            /**
             * Converts this StatusState to JSON.
             * @function toJSON
             * @memberof hashcap.v1.StatusState
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            StatusState.prototype.toJSON = function() {
                return StatusState.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for StatusState
             * @function getTypeUrl
             * @memberof hashcap.v1.StatusState
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            StatusState.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.StatusState";
            };

            return StatusState;
        })();

        v1.SymbolFlags = (function() {

            /**
             * Properties of a SymbolFlags.
             * @typedef {Object} hashcap.v1.SymbolFlags.$Properties
             * @property {string|null} [symbol] SymbolFlags symbol
             * @property {boolean|null} [halted] SymbolFlags halted
             * @property {boolean|null} [stale] SymbolFlags stale
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SymbolFlags.
             * @memberof hashcap.v1
             * @interface ISymbolFlags
             * @augments hashcap.v1.SymbolFlags.$Properties
             * @deprecated Use hashcap.v1.SymbolFlags.$Properties instead.
             */

            /**
             * Shape of a SymbolFlags.
             * @typedef {hashcap.v1.SymbolFlags.$Properties} hashcap.v1.SymbolFlags.$Shape
             */

            /**
             * Constructs a new SymbolFlags.
             * @memberof hashcap.v1
             * @classdesc Represents a SymbolFlags.
             * @constructor
             * @param {hashcap.v1.SymbolFlags.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SymbolFlags = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SymbolFlags symbol.
             * @member {string} symbol
             * @memberof hashcap.v1.SymbolFlags
             * @instance
             */
            SymbolFlags.prototype.symbol = "";

            /**
             * SymbolFlags halted.
             * @member {boolean|null|undefined} halted
             * @memberof hashcap.v1.SymbolFlags
             * @instance
             */
            SymbolFlags.prototype.halted = null;

            /**
             * SymbolFlags stale.
             * @member {boolean|null|undefined} stale
             * @memberof hashcap.v1.SymbolFlags
             * @instance
             */
            SymbolFlags.prototype.stale = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SymbolFlags.prototype, "_halted", {
                get: $util.oneOfGetter($oneOfFields = ["halted"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            // Virtual OneOf for proto3 optional field
            $Object.defineProperty(SymbolFlags.prototype, "_stale", {
                get: $util.oneOfGetter($oneOfFields = ["stale"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new SymbolFlags instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {hashcap.v1.SymbolFlags.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.SymbolFlags} SymbolFlags instance
             * @type {{
             *   (properties: hashcap.v1.SymbolFlags.$Shape): hashcap.v1.SymbolFlags & hashcap.v1.SymbolFlags.$Shape;
             *   (properties?: hashcap.v1.SymbolFlags.$Properties): hashcap.v1.SymbolFlags;
             * }}
             */
            SymbolFlags.create = function(properties) {
                return new SymbolFlags(properties);
            };

            /**
             * Encodes the specified SymbolFlags message. Does not implicitly {@link hashcap.v1.SymbolFlags.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {hashcap.v1.SymbolFlags.$Properties} m SymbolFlags message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SymbolFlags.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.symbol);
                if (m.halted != null && $Object.hasOwnProperty.call(m, "halted"))
                    w.uint32(/* id 2, wireType 0 =*/16).bool(m.halted);
                if (m.stale != null && $Object.hasOwnProperty.call(m, "stale"))
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.stale);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SymbolFlags message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.SymbolFlags & hashcap.v1.SymbolFlags.$Shape} SymbolFlags
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SymbolFlags.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.SymbolFlags();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            m.halted = r.bool();
                            m._halted = "halted";
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            m.stale = r.bool();
                            m._stale = "stale";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SymbolFlags message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.SymbolFlags} SymbolFlags
             */
            SymbolFlags.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.SymbolFlags)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.SymbolFlags: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.SymbolFlags();
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.halted != null) {
                    m.halted = $Boolean(d.halted);
                }
                if (d.stale != null) {
                    m.stale = $Boolean(d.stale);
                }
                return m;
            };

            /**
             * Creates a plain object from a SymbolFlags message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {hashcap.v1.SymbolFlags} m SymbolFlags
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SymbolFlags.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.symbol = "";
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.halted != null && $Object.hasOwnProperty.call(m, "halted")) {
                    d.halted = m.halted;
                }
                if (m.stale != null && $Object.hasOwnProperty.call(m, "stale")) {
                    d.stale = m.stale;
                }
                return d;
            };

            /**
             * Converts this SymbolFlags to JSON.
             * @function toJSON
             * @memberof hashcap.v1.SymbolFlags
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SymbolFlags.prototype.toJSON = function() {
                return SymbolFlags.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SymbolFlags
             * @function getTypeUrl
             * @memberof hashcap.v1.SymbolFlags
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SymbolFlags.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.SymbolFlags";
            };

            return SymbolFlags;
        })();

        v1.MilestoneCrossing = (function() {

            /**
             * Properties of a MilestoneCrossing.
             * @typedef {Object} hashcap.v1.MilestoneCrossing.$Properties
             * @property {string|null} [index] MilestoneCrossing index
             * @property {number|null} [thresholdUsd] MilestoneCrossing thresholdUsd
             * @property {boolean|null} [upward] MilestoneCrossing upward
             * @property {number|null} [timeMs] MilestoneCrossing timeMs
             * @property {number|null} [marketCapUsd] MilestoneCrossing marketCapUsd
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a MilestoneCrossing.
             * @memberof hashcap.v1
             * @interface IMilestoneCrossing
             * @augments hashcap.v1.MilestoneCrossing.$Properties
             * @deprecated Use hashcap.v1.MilestoneCrossing.$Properties instead.
             */

            /**
             * Shape of a MilestoneCrossing.
             * @typedef {hashcap.v1.MilestoneCrossing.$Properties} hashcap.v1.MilestoneCrossing.$Shape
             */

            /**
             * Constructs a new MilestoneCrossing.
             * @memberof hashcap.v1
             * @classdesc Represents a MilestoneCrossing.
             * @constructor
             * @param {hashcap.v1.MilestoneCrossing.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const MilestoneCrossing = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * MilestoneCrossing index.
             * @member {string} index
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             */
            MilestoneCrossing.prototype.index = "";

            /**
             * MilestoneCrossing thresholdUsd.
             * @member {number} thresholdUsd
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             */
            MilestoneCrossing.prototype.thresholdUsd = 0;

            /**
             * MilestoneCrossing upward.
             * @member {boolean} upward
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             */
            MilestoneCrossing.prototype.upward = false;

            /**
             * MilestoneCrossing timeMs.
             * @member {number} timeMs
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             */
            MilestoneCrossing.prototype.timeMs = 0;

            /**
             * MilestoneCrossing marketCapUsd.
             * @member {number} marketCapUsd
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             */
            MilestoneCrossing.prototype.marketCapUsd = 0;

            /**
             * Creates a new MilestoneCrossing instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {hashcap.v1.MilestoneCrossing.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.MilestoneCrossing} MilestoneCrossing instance
             * @type {{
             *   (properties: hashcap.v1.MilestoneCrossing.$Shape): hashcap.v1.MilestoneCrossing & hashcap.v1.MilestoneCrossing.$Shape;
             *   (properties?: hashcap.v1.MilestoneCrossing.$Properties): hashcap.v1.MilestoneCrossing;
             * }}
             */
            MilestoneCrossing.create = function(properties) {
                return new MilestoneCrossing(properties);
            };

            /**
             * Encodes the specified MilestoneCrossing message. Does not implicitly {@link hashcap.v1.MilestoneCrossing.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {hashcap.v1.MilestoneCrossing.$Properties} m MilestoneCrossing message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            MilestoneCrossing.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.index);
                if (m.thresholdUsd != null && $Object.hasOwnProperty.call(m, "thresholdUsd") && !$Object.is(m.thresholdUsd, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.thresholdUsd);
                if (m.upward != null && $Object.hasOwnProperty.call(m, "upward") && m.upward !== false)
                    w.uint32(/* id 3, wireType 0 =*/24).bool(m.upward);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && !$Object.is(m.timeMs, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.timeMs);
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd") && !$Object.is(m.marketCapUsd, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.marketCapUsd);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a MilestoneCrossing message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.MilestoneCrossing & hashcap.v1.MilestoneCrossing.$Shape} MilestoneCrossing
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            MilestoneCrossing.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.MilestoneCrossing();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.thresholdUsd = v;
                            else
                                delete m.thresholdUsd;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.upward = v;
                            else
                                delete m.upward;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.marketCapUsd = v;
                            else
                                delete m.marketCapUsd;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a MilestoneCrossing message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.MilestoneCrossing} MilestoneCrossing
             */
            MilestoneCrossing.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.MilestoneCrossing)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.MilestoneCrossing: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.MilestoneCrossing();
                if (d.index != null) {
                    if (typeof d.index !== "string" || d.index.length) {
                        m.index = $String(d.index);
                    }
                }
                if (d.thresholdUsd != null) {
                    if (!$Object.is($Number(d.thresholdUsd), 0)) {
                        m.thresholdUsd = $Number(d.thresholdUsd);
                    }
                }
                if (d.upward != null) {
                    if (d.upward) {
                        m.upward = $Boolean(d.upward);
                    }
                }
                if (d.timeMs != null) {
                    if (!$Object.is($Number(d.timeMs), 0)) {
                        m.timeMs = $Number(d.timeMs);
                    }
                }
                if (d.marketCapUsd != null) {
                    if (!$Object.is($Number(d.marketCapUsd), 0)) {
                        m.marketCapUsd = $Number(d.marketCapUsd);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a MilestoneCrossing message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {hashcap.v1.MilestoneCrossing} m MilestoneCrossing
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            MilestoneCrossing.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.index = "";
                    d.thresholdUsd = 0;
                    d.upward = false;
                    d.timeMs = 0;
                    d.marketCapUsd = 0;
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.thresholdUsd != null && $Object.hasOwnProperty.call(m, "thresholdUsd")) {
                    d.thresholdUsd = o.json && !$isFinite(m.thresholdUsd) ? $String(m.thresholdUsd) : m.thresholdUsd;
                }
                if (m.upward != null && $Object.hasOwnProperty.call(m, "upward")) {
                    d.upward = m.upward;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    d.timeMs = o.json && !$isFinite(m.timeMs) ? $String(m.timeMs) : m.timeMs;
                }
                if (m.marketCapUsd != null && $Object.hasOwnProperty.call(m, "marketCapUsd")) {
                    d.marketCapUsd = o.json && !$isFinite(m.marketCapUsd) ? $String(m.marketCapUsd) : m.marketCapUsd;
                }
                return d;
            };

            /**
             * Converts this MilestoneCrossing to JSON.
             * @function toJSON
             * @memberof hashcap.v1.MilestoneCrossing
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            MilestoneCrossing.prototype.toJSON = function() {
                return MilestoneCrossing.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for MilestoneCrossing
             * @function getTypeUrl
             * @memberof hashcap.v1.MilestoneCrossing
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            MilestoneCrossing.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.MilestoneCrossing";
            };

            return MilestoneCrossing;
        })();

        v1.RejectCount = (function() {

            /**
             * Properties of a RejectCount.
             * @typedef {Object} hashcap.v1.RejectCount.$Properties
             * @property {number|null} [reason] RejectCount reason
             * @property {string|null} [name] RejectCount name
             * @property {number|null} [count] RejectCount count
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RejectCount.
             * @memberof hashcap.v1
             * @interface IRejectCount
             * @augments hashcap.v1.RejectCount.$Properties
             * @deprecated Use hashcap.v1.RejectCount.$Properties instead.
             */

            /**
             * Shape of a RejectCount.
             * @typedef {hashcap.v1.RejectCount.$Properties} hashcap.v1.RejectCount.$Shape
             */

            /**
             * Constructs a new RejectCount.
             * @memberof hashcap.v1
             * @classdesc Represents a RejectCount.
             * @constructor
             * @param {hashcap.v1.RejectCount.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RejectCount = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * RejectCount reason.
             * @member {number} reason
             * @memberof hashcap.v1.RejectCount
             * @instance
             */
            RejectCount.prototype.reason = 0;

            /**
             * RejectCount name.
             * @member {string} name
             * @memberof hashcap.v1.RejectCount
             * @instance
             */
            RejectCount.prototype.name = "";

            /**
             * RejectCount count.
             * @member {number} count
             * @memberof hashcap.v1.RejectCount
             * @instance
             */
            RejectCount.prototype.count = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new RejectCount instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {hashcap.v1.RejectCount.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.RejectCount} RejectCount instance
             * @type {{
             *   (properties: hashcap.v1.RejectCount.$Shape): hashcap.v1.RejectCount & hashcap.v1.RejectCount.$Shape;
             *   (properties?: hashcap.v1.RejectCount.$Properties): hashcap.v1.RejectCount;
             * }}
             */
            RejectCount.create = function(properties) {
                return new RejectCount(properties);
            };

            /**
             * Encodes the specified RejectCount message. Does not implicitly {@link hashcap.v1.RejectCount.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {hashcap.v1.RejectCount.$Properties} m RejectCount message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RejectCount.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.reason);
                if (m.name != null && $Object.hasOwnProperty.call(m, "name") && m.name !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.name);
                if (m.count != null && $Object.hasOwnProperty.call(m, "count") && (typeof m.count === "object" ? m.count.low || m.count.high : m.count !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.count);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a RejectCount message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.RejectCount & hashcap.v1.RejectCount.$Shape} RejectCount
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RejectCount.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.RejectCount();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.name = v;
                            else
                                delete m.name;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.count = v;
                            else
                                delete m.count;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a RejectCount message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.RejectCount} RejectCount
             */
            RejectCount.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.RejectCount)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.RejectCount: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.RejectCount();
                if (d.reason != null) {
                    if ($Number(d.reason) !== 0) {
                        m.reason = d.reason >>> 0;
                    }
                }
                if (d.name != null) {
                    if (typeof d.name !== "string" || d.name.length) {
                        m.name = $String(d.name);
                    }
                }
                if (d.count != null) {
                    if (typeof d.count === "object" ? d.count.low || d.count.high : $Number(d.count) !== 0) {
                        if ($util.Long)
                            m.count = $util.Long.fromValue(d.count, true);
                        else if (typeof d.count === "string")
                            m.count = $parseInt(d.count, 10);
                        else if (typeof d.count === "number")
                            m.count = d.count;
                        else if (typeof d.count === "object")
                            m.count = new $util.LongBits(d.count.low >>> 0, d.count.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a RejectCount message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {hashcap.v1.RejectCount} m RejectCount
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            RejectCount.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.reason = 0;
                    d.name = "";
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.count = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.count = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.name != null && $Object.hasOwnProperty.call(m, "name")) {
                    d.name = m.name;
                }
                if (m.count != null && $Object.hasOwnProperty.call(m, "count")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.count = typeof m.count === "number" ? $BigInt(m.count) : $util.Long.fromBits(m.count.low >>> 0, m.count.high >>> 0, true).toBigInt();
                    else if (typeof m.count === "number")
                        d.count = o.longs === $String ? $String(m.count) : m.count;
                    else
                        d.count = o.longs === $String ? $util.Long.prototype.toString.call(m.count) : o.longs === $Number ? new $util.LongBits(m.count.low >>> 0, m.count.high >>> 0).toNumber(true) : m.count;
                }
                return d;
            };

            /**
             * Converts this RejectCount to JSON.
             * @function toJSON
             * @memberof hashcap.v1.RejectCount
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            RejectCount.prototype.toJSON = function() {
                return RejectCount.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for RejectCount
             * @function getTypeUrl
             * @memberof hashcap.v1.RejectCount
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            RejectCount.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.RejectCount";
            };

            return RejectCount;
        })();

        v1.Heartbeat = (function() {

            /**
             * Properties of a Heartbeat.
             * @typedef {Object} hashcap.v1.Heartbeat.$Properties
             * @property {string|null} [channel] Heartbeat channel
             * @property {number|null} [conflateMs] Heartbeat conflateMs
             * @property {number|null} [epoch] Heartbeat epoch
             * @property {number|null} [seq] Heartbeat seq
             * @property {number|null} [serverTimeMs] Heartbeat serverTimeMs
             * @property {Array.<hashcap.v1.Freshness.$Properties>|null} [freshness] Heartbeat freshness
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Heartbeat.
             * @memberof hashcap.v1
             * @interface IHeartbeat
             * @augments hashcap.v1.Heartbeat.$Properties
             * @deprecated Use hashcap.v1.Heartbeat.$Properties instead.
             */

            /**
             * Shape of a Heartbeat.
             * @typedef {hashcap.v1.Heartbeat.$Properties} hashcap.v1.Heartbeat.$Shape
             */

            /**
             * Constructs a new Heartbeat.
             * @memberof hashcap.v1
             * @classdesc Represents a Heartbeat.
             * @constructor
             * @param {hashcap.v1.Heartbeat.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Heartbeat = function (p) {
                this.freshness = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Heartbeat channel.
             * @member {string} channel
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.channel = "";

            /**
             * Heartbeat conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.conflateMs = 0;

            /**
             * Heartbeat epoch.
             * @member {number} epoch
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.epoch = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat seq.
             * @member {number} seq
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Heartbeat serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.serverTimeMs = 0;

            /**
             * Heartbeat freshness.
             * @member {Array.<hashcap.v1.Freshness.$Properties>} freshness
             * @memberof hashcap.v1.Heartbeat
             * @instance
             */
            Heartbeat.prototype.freshness = $util.emptyArray;

            /**
             * Creates a new Heartbeat instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {hashcap.v1.Heartbeat.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Heartbeat} Heartbeat instance
             * @type {{
             *   (properties: hashcap.v1.Heartbeat.$Shape): hashcap.v1.Heartbeat & hashcap.v1.Heartbeat.$Shape;
             *   (properties?: hashcap.v1.Heartbeat.$Properties): hashcap.v1.Heartbeat;
             * }}
             */
            Heartbeat.create = function(properties) {
                return new Heartbeat(properties);
            };

            /**
             * Encodes the specified Heartbeat message. Does not implicitly {@link hashcap.v1.Heartbeat.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {hashcap.v1.Heartbeat.$Properties} m Heartbeat message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Heartbeat.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.conflateMs);
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch") && (typeof m.epoch === "object" ? m.epoch.low || m.epoch.high : m.epoch !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.epoch);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 4, wireType 0 =*/32).uint64(m.seq);
                if (m.serverTimeMs != null && $Object.hasOwnProperty.call(m, "serverTimeMs") && !$Object.is(m.serverTimeMs, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.serverTimeMs);
                if (m.freshness != null && m.freshness.length) {
                    for (var i = 0; i < m.freshness.length; ++i)
                        $root.hashcap.v1.Freshness.encode(m.freshness[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Heartbeat message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Heartbeat & hashcap.v1.Heartbeat.$Shape} Heartbeat
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Heartbeat.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Heartbeat();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.epoch = v;
                            else
                                delete m.epoch;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.serverTimeMs = v;
                            else
                                delete m.serverTimeMs;
                            continue;
                        }
                    case 6: {
                            if (u !== 2)
                                break;
                            if (!(m.freshness && m.freshness.length))
                                m.freshness = [];
                            m.freshness.push($root.hashcap.v1.Freshness.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Heartbeat message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Heartbeat} Heartbeat
             */
            Heartbeat.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Heartbeat)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Heartbeat: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Heartbeat();
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.epoch != null) {
                    if (typeof d.epoch === "object" ? d.epoch.low || d.epoch.high : $Number(d.epoch) !== 0) {
                        if ($util.Long)
                            m.epoch = $util.Long.fromValue(d.epoch, true);
                        else if (typeof d.epoch === "string")
                            m.epoch = $parseInt(d.epoch, 10);
                        else if (typeof d.epoch === "number")
                            m.epoch = d.epoch;
                        else if (typeof d.epoch === "object")
                            m.epoch = new $util.LongBits(d.epoch.low >>> 0, d.epoch.high >>> 0).toNumber(true);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.serverTimeMs != null) {
                    if (!$Object.is($Number(d.serverTimeMs), 0)) {
                        m.serverTimeMs = $Number(d.serverTimeMs);
                    }
                }
                if (d.freshness) {
                    if (!$Array.isArray(d.freshness))
                        throw $TypeError(".hashcap.v1.Heartbeat.freshness: array expected");
                    m.freshness = $Array(d.freshness.length);
                    for (var i = 0; i < d.freshness.length; ++i) {
                        if (!$util.isObject(d.freshness[i]))
                            throw $TypeError(".hashcap.v1.Heartbeat.freshness: object expected");
                        m.freshness[i] = $root.hashcap.v1.Freshness.fromObject(d.freshness[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Heartbeat message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {hashcap.v1.Heartbeat} m Heartbeat
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Heartbeat.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.freshness = [];
                }
                if (o.defaults) {
                    d.channel = "";
                    d.conflateMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.epoch = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.epoch = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.serverTimeMs = 0;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.epoch != null && $Object.hasOwnProperty.call(m, "epoch")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.epoch = typeof m.epoch === "number" ? $BigInt(m.epoch) : $util.Long.fromBits(m.epoch.low >>> 0, m.epoch.high >>> 0, true).toBigInt();
                    else if (typeof m.epoch === "number")
                        d.epoch = o.longs === $String ? $String(m.epoch) : m.epoch;
                    else
                        d.epoch = o.longs === $String ? $util.Long.prototype.toString.call(m.epoch) : o.longs === $Number ? new $util.LongBits(m.epoch.low >>> 0, m.epoch.high >>> 0).toNumber(true) : m.epoch;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.serverTimeMs != null && $Object.hasOwnProperty.call(m, "serverTimeMs")) {
                    d.serverTimeMs = o.json && !$isFinite(m.serverTimeMs) ? $String(m.serverTimeMs) : m.serverTimeMs;
                }
                if (m.freshness && m.freshness.length) {
                    d.freshness = $Array(m.freshness.length);
                    for (var j = 0; j < m.freshness.length; ++j) {
                        d.freshness[j] = $root.hashcap.v1.Freshness.toObject(m.freshness[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this Heartbeat to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Heartbeat
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Heartbeat.prototype.toJSON = function() {
                return Heartbeat.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Heartbeat
             * @function getTypeUrl
             * @memberof hashcap.v1.Heartbeat
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Heartbeat.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Heartbeat";
            };

            return Heartbeat;
        })();

        v1.Freshness = (function() {

            /**
             * Properties of a Freshness.
             * @typedef {Object} hashcap.v1.Freshness.$Properties
             * @property {string|null} [symbol] Freshness symbol
             * @property {number|null} [ageMs] Freshness ageMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Freshness.
             * @memberof hashcap.v1
             * @interface IFreshness
             * @augments hashcap.v1.Freshness.$Properties
             * @deprecated Use hashcap.v1.Freshness.$Properties instead.
             */

            /**
             * Shape of a Freshness.
             * @typedef {hashcap.v1.Freshness.$Properties} hashcap.v1.Freshness.$Shape
             */

            /**
             * Constructs a new Freshness.
             * @memberof hashcap.v1
             * @classdesc Represents a Freshness.
             * @constructor
             * @param {hashcap.v1.Freshness.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Freshness = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Freshness symbol.
             * @member {string} symbol
             * @memberof hashcap.v1.Freshness
             * @instance
             */
            Freshness.prototype.symbol = "";

            /**
             * Freshness ageMs.
             * @member {number} ageMs
             * @memberof hashcap.v1.Freshness
             * @instance
             */
            Freshness.prototype.ageMs = 0;

            /**
             * Creates a new Freshness instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {hashcap.v1.Freshness.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Freshness} Freshness instance
             * @type {{
             *   (properties: hashcap.v1.Freshness.$Shape): hashcap.v1.Freshness & hashcap.v1.Freshness.$Shape;
             *   (properties?: hashcap.v1.Freshness.$Properties): hashcap.v1.Freshness;
             * }}
             */
            Freshness.create = function(properties) {
                return new Freshness(properties);
            };

            /**
             * Encodes the specified Freshness message. Does not implicitly {@link hashcap.v1.Freshness.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {hashcap.v1.Freshness.$Properties} m Freshness message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Freshness.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.symbol);
                if (m.ageMs != null && $Object.hasOwnProperty.call(m, "ageMs") && !$Object.is(m.ageMs, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.ageMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Freshness message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Freshness & hashcap.v1.Freshness.$Shape} Freshness
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Freshness.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Freshness();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.ageMs = v;
                            else
                                delete m.ageMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Freshness message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Freshness} Freshness
             */
            Freshness.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Freshness)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Freshness: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Freshness();
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.ageMs != null) {
                    if (!$Object.is($Number(d.ageMs), 0)) {
                        m.ageMs = $Number(d.ageMs);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Freshness message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {hashcap.v1.Freshness} m Freshness
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Freshness.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.symbol = "";
                    d.ageMs = 0;
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.ageMs != null && $Object.hasOwnProperty.call(m, "ageMs")) {
                    d.ageMs = o.json && !$isFinite(m.ageMs) ? $String(m.ageMs) : m.ageMs;
                }
                return d;
            };

            /**
             * Converts this Freshness to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Freshness
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Freshness.prototype.toJSON = function() {
                return Freshness.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Freshness
             * @function getTypeUrl
             * @memberof hashcap.v1.Freshness
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Freshness.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Freshness";
            };

            return Freshness;
        })();

        v1.SubscriptionList = (function() {

            /**
             * Properties of a SubscriptionList.
             * @typedef {Object} hashcap.v1.SubscriptionList.$Properties
             * @property {number|null} [requestId] SubscriptionList requestId
             * @property {Array.<hashcap.v1.SubscriptionInfo.$Properties>|null} [subscriptions] SubscriptionList subscriptions
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SubscriptionList.
             * @memberof hashcap.v1
             * @interface ISubscriptionList
             * @augments hashcap.v1.SubscriptionList.$Properties
             * @deprecated Use hashcap.v1.SubscriptionList.$Properties instead.
             */

            /**
             * Shape of a SubscriptionList.
             * @typedef {hashcap.v1.SubscriptionList.$Properties} hashcap.v1.SubscriptionList.$Shape
             */

            /**
             * Constructs a new SubscriptionList.
             * @memberof hashcap.v1
             * @classdesc Represents a SubscriptionList.
             * @constructor
             * @param {hashcap.v1.SubscriptionList.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SubscriptionList = function (p) {
                this.subscriptions = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SubscriptionList requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.SubscriptionList
             * @instance
             */
            SubscriptionList.prototype.requestId = 0;

            /**
             * SubscriptionList subscriptions.
             * @member {Array.<hashcap.v1.SubscriptionInfo.$Properties>} subscriptions
             * @memberof hashcap.v1.SubscriptionList
             * @instance
             */
            SubscriptionList.prototype.subscriptions = $util.emptyArray;

            /**
             * Creates a new SubscriptionList instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {hashcap.v1.SubscriptionList.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.SubscriptionList} SubscriptionList instance
             * @type {{
             *   (properties: hashcap.v1.SubscriptionList.$Shape): hashcap.v1.SubscriptionList & hashcap.v1.SubscriptionList.$Shape;
             *   (properties?: hashcap.v1.SubscriptionList.$Properties): hashcap.v1.SubscriptionList;
             * }}
             */
            SubscriptionList.create = function(properties) {
                return new SubscriptionList(properties);
            };

            /**
             * Encodes the specified SubscriptionList message. Does not implicitly {@link hashcap.v1.SubscriptionList.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {hashcap.v1.SubscriptionList.$Properties} m SubscriptionList message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubscriptionList.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.subscriptions != null && m.subscriptions.length) {
                    for (var i = 0; i < m.subscriptions.length; ++i)
                        $root.hashcap.v1.SubscriptionInfo.encode(m.subscriptions[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SubscriptionList message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.SubscriptionList & hashcap.v1.SubscriptionList.$Shape} SubscriptionList
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubscriptionList.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.SubscriptionList();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.subscriptions && m.subscriptions.length))
                                m.subscriptions = [];
                            m.subscriptions.push($root.hashcap.v1.SubscriptionInfo.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SubscriptionList message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.SubscriptionList} SubscriptionList
             */
            SubscriptionList.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.SubscriptionList)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.SubscriptionList: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.SubscriptionList();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.subscriptions) {
                    if (!$Array.isArray(d.subscriptions))
                        throw $TypeError(".hashcap.v1.SubscriptionList.subscriptions: array expected");
                    m.subscriptions = $Array(d.subscriptions.length);
                    for (var i = 0; i < d.subscriptions.length; ++i) {
                        if (!$util.isObject(d.subscriptions[i]))
                            throw $TypeError(".hashcap.v1.SubscriptionList.subscriptions: object expected");
                        m.subscriptions[i] = $root.hashcap.v1.SubscriptionInfo.fromObject(d.subscriptions[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SubscriptionList message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {hashcap.v1.SubscriptionList} m SubscriptionList
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SubscriptionList.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.subscriptions = [];
                }
                if (o.defaults) {
                    d.requestId = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.subscriptions && m.subscriptions.length) {
                    d.subscriptions = $Array(m.subscriptions.length);
                    for (var j = 0; j < m.subscriptions.length; ++j) {
                        d.subscriptions[j] = $root.hashcap.v1.SubscriptionInfo.toObject(m.subscriptions[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this SubscriptionList to JSON.
             * @function toJSON
             * @memberof hashcap.v1.SubscriptionList
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SubscriptionList.prototype.toJSON = function() {
                return SubscriptionList.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SubscriptionList
             * @function getTypeUrl
             * @memberof hashcap.v1.SubscriptionList
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SubscriptionList.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.SubscriptionList";
            };

            return SubscriptionList;
        })();

        v1.SubscriptionInfo = (function() {

            /**
             * Properties of a SubscriptionInfo.
             * @typedef {Object} hashcap.v1.SubscriptionInfo.$Properties
             * @property {string|null} [channel] SubscriptionInfo channel
             * @property {number|null} [conflateMs] SubscriptionInfo conflateMs
             * @property {number|null} [seq] SubscriptionInfo seq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SubscriptionInfo.
             * @memberof hashcap.v1
             * @interface ISubscriptionInfo
             * @augments hashcap.v1.SubscriptionInfo.$Properties
             * @deprecated Use hashcap.v1.SubscriptionInfo.$Properties instead.
             */

            /**
             * Shape of a SubscriptionInfo.
             * @typedef {hashcap.v1.SubscriptionInfo.$Properties} hashcap.v1.SubscriptionInfo.$Shape
             */

            /**
             * Constructs a new SubscriptionInfo.
             * @memberof hashcap.v1
             * @classdesc Represents a SubscriptionInfo.
             * @constructor
             * @param {hashcap.v1.SubscriptionInfo.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SubscriptionInfo = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * SubscriptionInfo channel.
             * @member {string} channel
             * @memberof hashcap.v1.SubscriptionInfo
             * @instance
             */
            SubscriptionInfo.prototype.channel = "";

            /**
             * SubscriptionInfo conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.SubscriptionInfo
             * @instance
             */
            SubscriptionInfo.prototype.conflateMs = 0;

            /**
             * SubscriptionInfo seq.
             * @member {number} seq
             * @memberof hashcap.v1.SubscriptionInfo
             * @instance
             */
            SubscriptionInfo.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new SubscriptionInfo instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {hashcap.v1.SubscriptionInfo.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.SubscriptionInfo} SubscriptionInfo instance
             * @type {{
             *   (properties: hashcap.v1.SubscriptionInfo.$Shape): hashcap.v1.SubscriptionInfo & hashcap.v1.SubscriptionInfo.$Shape;
             *   (properties?: hashcap.v1.SubscriptionInfo.$Properties): hashcap.v1.SubscriptionInfo;
             * }}
             */
            SubscriptionInfo.create = function(properties) {
                return new SubscriptionInfo(properties);
            };

            /**
             * Encodes the specified SubscriptionInfo message. Does not implicitly {@link hashcap.v1.SubscriptionInfo.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {hashcap.v1.SubscriptionInfo.$Properties} m SubscriptionInfo message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SubscriptionInfo.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel") && m.channel !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.channel);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.conflateMs);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 3, wireType 0 =*/24).uint64(m.seq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a SubscriptionInfo message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.SubscriptionInfo & hashcap.v1.SubscriptionInfo.$Shape} SubscriptionInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SubscriptionInfo.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.SubscriptionInfo();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.channel = v;
                            else
                                delete m.channel;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a SubscriptionInfo message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.SubscriptionInfo} SubscriptionInfo
             */
            SubscriptionInfo.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.SubscriptionInfo)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.SubscriptionInfo: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.SubscriptionInfo();
                if (d.channel != null) {
                    if (typeof d.channel !== "string" || d.channel.length) {
                        m.channel = $String(d.channel);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a SubscriptionInfo message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {hashcap.v1.SubscriptionInfo} m SubscriptionInfo
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            SubscriptionInfo.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.channel = "";
                    d.conflateMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.channel != null && $Object.hasOwnProperty.call(m, "channel")) {
                    d.channel = m.channel;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                return d;
            };

            /**
             * Converts this SubscriptionInfo to JSON.
             * @function toJSON
             * @memberof hashcap.v1.SubscriptionInfo
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            SubscriptionInfo.prototype.toJSON = function() {
                return SubscriptionInfo.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for SubscriptionInfo
             * @function getTypeUrl
             * @memberof hashcap.v1.SubscriptionInfo
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            SubscriptionInfo.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.SubscriptionInfo";
            };

            return SubscriptionInfo;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} hashcap.v1.Pong.$Properties
             * @property {number|null} [requestId] Pong requestId
             * @property {number|null} [clientTimeMs] Pong clientTimeMs
             * @property {number|null} [serverTimeMs] Pong serverTimeMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof hashcap.v1
             * @interface IPong
             * @augments hashcap.v1.Pong.$Properties
             * @deprecated Use hashcap.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {hashcap.v1.Pong.$Properties} hashcap.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof hashcap.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {hashcap.v1.Pong.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Pong requestId.
             * @member {number} requestId
             * @memberof hashcap.v1.Pong
             * @instance
             */
            Pong.prototype.requestId = 0;

            /**
             * Pong clientTimeMs.
             * @member {number} clientTimeMs
             * @memberof hashcap.v1.Pong
             * @instance
             */
            Pong.prototype.clientTimeMs = 0;

            /**
             * Pong serverTimeMs.
             * @member {number} serverTimeMs
             * @memberof hashcap.v1.Pong
             * @instance
             */
            Pong.prototype.serverTimeMs = 0;

            /**
             * Creates a new Pong instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Pong
             * @static
             * @param {hashcap.v1.Pong.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Pong} Pong instance
             * @type {{
             *   (properties: hashcap.v1.Pong.$Shape): hashcap.v1.Pong & hashcap.v1.Pong.$Shape;
             *   (properties?: hashcap.v1.Pong.$Properties): hashcap.v1.Pong;
             * }}
             */
            Pong.create = function(properties) {
                return new Pong(properties);
            };

            /**
             * Encodes the specified Pong message. Does not implicitly {@link hashcap.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Pong
             * @static
             * @param {hashcap.v1.Pong.$Properties} m Pong message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId") && m.requestId !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.requestId);
                if (m.clientTimeMs != null && $Object.hasOwnProperty.call(m, "clientTimeMs") && !$Object.is(m.clientTimeMs, 0))
                    w.uint32(/* id 2, wireType 1 =*/17).double(m.clientTimeMs);
                if (m.serverTimeMs != null && $Object.hasOwnProperty.call(m, "serverTimeMs") && !$Object.is(m.serverTimeMs, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.serverTimeMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Pong & hashcap.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Pong();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.requestId = v;
                            else
                                delete m.requestId;
                            continue;
                        }
                    case 2: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.clientTimeMs = v;
                            else
                                delete m.clientTimeMs;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.serverTimeMs = v;
                            else
                                delete m.serverTimeMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Pong message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Pong
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Pong} Pong
             */
            Pong.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Pong)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Pong: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Pong();
                if (d.requestId != null) {
                    if ($Number(d.requestId) !== 0) {
                        m.requestId = d.requestId >>> 0;
                    }
                }
                if (d.clientTimeMs != null) {
                    if (!$Object.is($Number(d.clientTimeMs), 0)) {
                        m.clientTimeMs = $Number(d.clientTimeMs);
                    }
                }
                if (d.serverTimeMs != null) {
                    if (!$Object.is($Number(d.serverTimeMs), 0)) {
                        m.serverTimeMs = $Number(d.serverTimeMs);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Pong message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Pong
             * @static
             * @param {hashcap.v1.Pong} m Pong
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Pong.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.requestId = 0;
                    d.clientTimeMs = 0;
                    d.serverTimeMs = 0;
                }
                if (m.requestId != null && $Object.hasOwnProperty.call(m, "requestId")) {
                    d.requestId = m.requestId;
                }
                if (m.clientTimeMs != null && $Object.hasOwnProperty.call(m, "clientTimeMs")) {
                    d.clientTimeMs = o.json && !$isFinite(m.clientTimeMs) ? $String(m.clientTimeMs) : m.clientTimeMs;
                }
                if (m.serverTimeMs != null && $Object.hasOwnProperty.call(m, "serverTimeMs")) {
                    d.serverTimeMs = o.json && !$isFinite(m.serverTimeMs) ? $String(m.serverTimeMs) : m.serverTimeMs;
                }
                return d;
            };

            /**
             * Converts this Pong to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Pong
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Pong.prototype.toJSON = function() {
                return Pong.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Pong
             * @function getTypeUrl
             * @memberof hashcap.v1.Pong
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Pong.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Pong";
            };

            return Pong;
        })();

        v1.Notice = (function() {

            /**
             * Properties of a Notice.
             * @typedef {Object} hashcap.v1.Notice.$Properties
             * @property {string|null} [kind] Notice kind
             * @property {string|null} [message] Notice message
             * @property {number|null} [deadlineMs] Notice deadlineMs
             * @property {number|null} [code] Notice code
             * @property {string|null} [resumeToken] Notice resumeToken
             * @property {number|null} [conflateMs] Notice conflateMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Notice.
             * @memberof hashcap.v1
             * @interface INotice
             * @augments hashcap.v1.Notice.$Properties
             * @deprecated Use hashcap.v1.Notice.$Properties instead.
             */

            /**
             * Shape of a Notice.
             * @typedef {hashcap.v1.Notice.$Properties} hashcap.v1.Notice.$Shape
             */

            /**
             * Constructs a new Notice.
             * @memberof hashcap.v1
             * @classdesc Represents a Notice.
             * @constructor
             * @param {hashcap.v1.Notice.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Notice = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Notice kind.
             * @member {string} kind
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.kind = "";

            /**
             * Notice message.
             * @member {string} message
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.message = "";

            /**
             * Notice deadlineMs.
             * @member {number} deadlineMs
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.deadlineMs = 0;

            /**
             * Notice code.
             * @member {number} code
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.code = 0;

            /**
             * Notice resumeToken.
             * @member {string} resumeToken
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.resumeToken = "";

            /**
             * Notice conflateMs.
             * @member {number} conflateMs
             * @memberof hashcap.v1.Notice
             * @instance
             */
            Notice.prototype.conflateMs = 0;

            /**
             * Creates a new Notice instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Notice
             * @static
             * @param {hashcap.v1.Notice.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Notice} Notice instance
             * @type {{
             *   (properties: hashcap.v1.Notice.$Shape): hashcap.v1.Notice & hashcap.v1.Notice.$Shape;
             *   (properties?: hashcap.v1.Notice.$Properties): hashcap.v1.Notice;
             * }}
             */
            Notice.create = function(properties) {
                return new Notice(properties);
            };

            /**
             * Encodes the specified Notice message. Does not implicitly {@link hashcap.v1.Notice.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Notice
             * @static
             * @param {hashcap.v1.Notice.$Properties} m Notice message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Notice.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.kind);
                if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                    w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
                if (m.deadlineMs != null && $Object.hasOwnProperty.call(m, "deadlineMs") && !$Object.is(m.deadlineMs, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.deadlineMs);
                if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== 0)
                    w.uint32(/* id 4, wireType 0 =*/32).uint32(m.code);
                if (m.resumeToken != null && $Object.hasOwnProperty.call(m, "resumeToken") && m.resumeToken !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.resumeToken);
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs") && m.conflateMs !== 0)
                    w.uint32(/* id 6, wireType 0 =*/48).uint32(m.conflateMs);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Notice message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Notice
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Notice & hashcap.v1.Notice.$Shape} Notice
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Notice.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Notice();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.message = v;
                            else
                                delete m.message;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.deadlineMs = v;
                            else
                                delete m.deadlineMs;
                            continue;
                        }
                    case 4: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.code = v;
                            else
                                delete m.code;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.resumeToken = v;
                            else
                                delete m.resumeToken;
                            continue;
                        }
                    case 6: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.conflateMs = v;
                            else
                                delete m.conflateMs;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Notice message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Notice
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Notice} Notice
             */
            Notice.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Notice)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Notice: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Notice();
                if (d.kind != null) {
                    if (typeof d.kind !== "string" || d.kind.length) {
                        m.kind = $String(d.kind);
                    }
                }
                if (d.message != null) {
                    if (typeof d.message !== "string" || d.message.length) {
                        m.message = $String(d.message);
                    }
                }
                if (d.deadlineMs != null) {
                    if (!$Object.is($Number(d.deadlineMs), 0)) {
                        m.deadlineMs = $Number(d.deadlineMs);
                    }
                }
                if (d.code != null) {
                    if ($Number(d.code) !== 0) {
                        m.code = d.code >>> 0;
                    }
                }
                if (d.resumeToken != null) {
                    if (typeof d.resumeToken !== "string" || d.resumeToken.length) {
                        m.resumeToken = $String(d.resumeToken);
                    }
                }
                if (d.conflateMs != null) {
                    if ($Number(d.conflateMs) !== 0) {
                        m.conflateMs = d.conflateMs >>> 0;
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Notice message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Notice
             * @static
             * @param {hashcap.v1.Notice} m Notice
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Notice.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.kind = "";
                    d.message = "";
                    d.deadlineMs = 0;
                    d.code = 0;
                    d.resumeToken = "";
                    d.conflateMs = 0;
                }
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    d.kind = m.kind;
                }
                if (m.message != null && $Object.hasOwnProperty.call(m, "message")) {
                    d.message = m.message;
                }
                if (m.deadlineMs != null && $Object.hasOwnProperty.call(m, "deadlineMs")) {
                    d.deadlineMs = o.json && !$isFinite(m.deadlineMs) ? $String(m.deadlineMs) : m.deadlineMs;
                }
                if (m.code != null && $Object.hasOwnProperty.call(m, "code")) {
                    d.code = m.code;
                }
                if (m.resumeToken != null && $Object.hasOwnProperty.call(m, "resumeToken")) {
                    d.resumeToken = m.resumeToken;
                }
                if (m.conflateMs != null && $Object.hasOwnProperty.call(m, "conflateMs")) {
                    d.conflateMs = m.conflateMs;
                }
                return d;
            };

            /**
             * Converts this Notice to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Notice
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Notice.prototype.toJSON = function() {
                return Notice.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Notice
             * @function getTypeUrl
             * @memberof hashcap.v1.Notice
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Notice.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Notice";
            };

            return Notice;
        })();

        v1.PublisherMessage = (function() {

            /**
             * Properties of a PublisherMessage.
             * @typedef {Object} hashcap.v1.PublisherMessage.$Properties
             * @property {hashcap.v1.IngestBatch.$Properties|null} [batch] PublisherMessage batch
             * @property {"batch"} [msg] PublisherMessage msg
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PublisherMessage.
             * @memberof hashcap.v1
             * @interface IPublisherMessage
             * @augments hashcap.v1.PublisherMessage.$Properties
             * @deprecated Use hashcap.v1.PublisherMessage.$Properties instead.
             */

            /**
             * Narrowed shape of a PublisherMessage.
             * @typedef {{
             *   batch?: hashcap.v1.IngestBatch.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ msg?: undefined; batch?: null }|{ msg?: "batch"; batch: hashcap.v1.IngestBatch.$Shape })
             * )} hashcap.v1.PublisherMessage.$Shape
             */

            /**
             * Constructs a new PublisherMessage.
             * @memberof hashcap.v1
             * @classdesc Represents a PublisherMessage.
             * @constructor
             * @param {hashcap.v1.PublisherMessage.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PublisherMessage = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * PublisherMessage batch.
             * @member {hashcap.v1.IngestBatch.$Properties|null|undefined} batch
             * @memberof hashcap.v1.PublisherMessage
             * @instance
             */
            PublisherMessage.prototype.batch = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * PublisherMessage msg.
             * @member {"batch"|undefined} msg
             * @memberof hashcap.v1.PublisherMessage
             * @instance
             */
            $Object.defineProperty(PublisherMessage.prototype, "msg", {
                get: $util.oneOfGetter($oneOfFields = ["batch"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Creates a new PublisherMessage instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {hashcap.v1.PublisherMessage.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.PublisherMessage} PublisherMessage instance
             * @type {{
             *   (properties: hashcap.v1.PublisherMessage.$Shape): hashcap.v1.PublisherMessage & hashcap.v1.PublisherMessage.$Shape;
             *   (properties?: hashcap.v1.PublisherMessage.$Properties): hashcap.v1.PublisherMessage;
             * }}
             */
            PublisherMessage.create = function(properties) {
                return new PublisherMessage(properties);
            };

            /**
             * Encodes the specified PublisherMessage message. Does not implicitly {@link hashcap.v1.PublisherMessage.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {hashcap.v1.PublisherMessage.$Properties} m PublisherMessage message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PublisherMessage.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.batch != null && $Object.hasOwnProperty.call(m, "batch"))
                    $root.hashcap.v1.IngestBatch.encode(m.batch, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a PublisherMessage message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.PublisherMessage & hashcap.v1.PublisherMessage.$Shape} PublisherMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PublisherMessage.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.PublisherMessage();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            m.batch = $root.hashcap.v1.IngestBatch.decode(r, r.size(), $undefined, q + 1, m.batch);
                            m.msg = "batch";
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a PublisherMessage message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.PublisherMessage} PublisherMessage
             */
            PublisherMessage.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.PublisherMessage)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.PublisherMessage: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.PublisherMessage();
                if (d.batch != null) {
                    if (!$util.isObject(d.batch))
                        throw $TypeError(".hashcap.v1.PublisherMessage.batch: object expected");
                    m.batch = $root.hashcap.v1.IngestBatch.fromObject(d.batch, q + 1);
                }
                return m;
            };

            /**
             * Creates a plain object from a PublisherMessage message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {hashcap.v1.PublisherMessage} m PublisherMessage
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            PublisherMessage.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (m.batch != null && $Object.hasOwnProperty.call(m, "batch")) {
                    d.batch = $root.hashcap.v1.IngestBatch.toObject(m.batch, o, q + 1);
                    if (o.oneofs)
                        d.msg = "batch";
                }
                return d;
            };

            /**
             * Converts this PublisherMessage to JSON.
             * @function toJSON
             * @memberof hashcap.v1.PublisherMessage
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            PublisherMessage.prototype.toJSON = function() {
                return PublisherMessage.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for PublisherMessage
             * @function getTypeUrl
             * @memberof hashcap.v1.PublisherMessage
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            PublisherMessage.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.PublisherMessage";
            };

            return PublisherMessage;
        })();

        v1.IngestBatch = (function() {

            /**
             * Properties of an IngestBatch.
             * @typedef {Object} hashcap.v1.IngestBatch.$Properties
             * @property {number|null} [batchId] IngestBatch batchId
             * @property {Array.<hashcap.v1.Tick.$Properties>|null} [ticks] IngestBatch ticks
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IngestBatch.
             * @memberof hashcap.v1
             * @interface IIngestBatch
             * @augments hashcap.v1.IngestBatch.$Properties
             * @deprecated Use hashcap.v1.IngestBatch.$Properties instead.
             */

            /**
             * Shape of an IngestBatch.
             * @typedef {hashcap.v1.IngestBatch.$Properties} hashcap.v1.IngestBatch.$Shape
             */

            /**
             * Constructs a new IngestBatch.
             * @memberof hashcap.v1
             * @classdesc Represents an IngestBatch.
             * @constructor
             * @param {hashcap.v1.IngestBatch.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IngestBatch = function (p) {
                this.ticks = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * IngestBatch batchId.
             * @member {number} batchId
             * @memberof hashcap.v1.IngestBatch
             * @instance
             */
            IngestBatch.prototype.batchId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * IngestBatch ticks.
             * @member {Array.<hashcap.v1.Tick.$Properties>} ticks
             * @memberof hashcap.v1.IngestBatch
             * @instance
             */
            IngestBatch.prototype.ticks = $util.emptyArray;

            /**
             * Creates a new IngestBatch instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {hashcap.v1.IngestBatch.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.IngestBatch} IngestBatch instance
             * @type {{
             *   (properties: hashcap.v1.IngestBatch.$Shape): hashcap.v1.IngestBatch & hashcap.v1.IngestBatch.$Shape;
             *   (properties?: hashcap.v1.IngestBatch.$Properties): hashcap.v1.IngestBatch;
             * }}
             */
            IngestBatch.create = function(properties) {
                return new IngestBatch(properties);
            };

            /**
             * Encodes the specified IngestBatch message. Does not implicitly {@link hashcap.v1.IngestBatch.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {hashcap.v1.IngestBatch.$Properties} m IngestBatch message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IngestBatch.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.batchId != null && $Object.hasOwnProperty.call(m, "batchId") && (typeof m.batchId === "object" ? m.batchId.low || m.batchId.high : m.batchId !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.batchId);
                if (m.ticks != null && m.ticks.length) {
                    for (var i = 0; i < m.ticks.length; ++i)
                        $root.hashcap.v1.Tick.encode(m.ticks[i], w.uint32(/* id 2, wireType 2 =*/18).fork(), q + 1).ldelim();
                }
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an IngestBatch message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.IngestBatch & hashcap.v1.IngestBatch.$Shape} IngestBatch
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IngestBatch.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.IngestBatch();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.batchId = v;
                            else
                                delete m.batchId;
                            continue;
                        }
                    case 2: {
                            if (u !== 2)
                                break;
                            if (!(m.ticks && m.ticks.length))
                                m.ticks = [];
                            m.ticks.push($root.hashcap.v1.Tick.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an IngestBatch message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.IngestBatch} IngestBatch
             */
            IngestBatch.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.IngestBatch)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.IngestBatch: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.IngestBatch();
                if (d.batchId != null) {
                    if (typeof d.batchId === "object" ? d.batchId.low || d.batchId.high : $Number(d.batchId) !== 0) {
                        if ($util.Long)
                            m.batchId = $util.Long.fromValue(d.batchId, true);
                        else if (typeof d.batchId === "string")
                            m.batchId = $parseInt(d.batchId, 10);
                        else if (typeof d.batchId === "number")
                            m.batchId = d.batchId;
                        else if (typeof d.batchId === "object")
                            m.batchId = new $util.LongBits(d.batchId.low >>> 0, d.batchId.high >>> 0).toNumber(true);
                    }
                }
                if (d.ticks) {
                    if (!$Array.isArray(d.ticks))
                        throw $TypeError(".hashcap.v1.IngestBatch.ticks: array expected");
                    m.ticks = $Array(d.ticks.length);
                    for (var i = 0; i < d.ticks.length; ++i) {
                        if (!$util.isObject(d.ticks[i]))
                            throw $TypeError(".hashcap.v1.IngestBatch.ticks: object expected");
                        m.ticks[i] = $root.hashcap.v1.Tick.fromObject(d.ticks[i], q + 1);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an IngestBatch message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {hashcap.v1.IngestBatch} m IngestBatch
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IngestBatch.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.ticks = [];
                }
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.batchId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.batchId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.batchId != null && $Object.hasOwnProperty.call(m, "batchId")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.batchId = typeof m.batchId === "number" ? $BigInt(m.batchId) : $util.Long.fromBits(m.batchId.low >>> 0, m.batchId.high >>> 0, true).toBigInt();
                    else if (typeof m.batchId === "number")
                        d.batchId = o.longs === $String ? $String(m.batchId) : m.batchId;
                    else
                        d.batchId = o.longs === $String ? $util.Long.prototype.toString.call(m.batchId) : o.longs === $Number ? new $util.LongBits(m.batchId.low >>> 0, m.batchId.high >>> 0).toNumber(true) : m.batchId;
                }
                if (m.ticks && m.ticks.length) {
                    d.ticks = $Array(m.ticks.length);
                    for (var j = 0; j < m.ticks.length; ++j) {
                        d.ticks[j] = $root.hashcap.v1.Tick.toObject(m.ticks[j], o, q + 1);
                    }
                }
                return d;
            };

            /**
             * Converts this IngestBatch to JSON.
             * @function toJSON
             * @memberof hashcap.v1.IngestBatch
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IngestBatch.prototype.toJSON = function() {
                return IngestBatch.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IngestBatch
             * @function getTypeUrl
             * @memberof hashcap.v1.IngestBatch
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IngestBatch.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.IngestBatch";
            };

            return IngestBatch;
        })();

        /**
         * TickKind enum.
         * @name hashcap.v1.TickKind
         * @enum {number}
         * @property {number} TICK_TRADE=0 TICK_TRADE value
         * @property {number} TICK_QUOTE=1 TICK_QUOTE value
         * @property {number} TICK_HALT=2 TICK_HALT value
         * @property {number} TICK_RESUME=3 TICK_RESUME value
         * @property {number} TICK_CANCEL=4 TICK_CANCEL value
         * @property {number} TICK_CORRECTION=5 TICK_CORRECTION value
         */
        v1.TickKind = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "TICK_TRADE"] = 0;
            values[valuesById[1] = "TICK_QUOTE"] = 1;
            values[valuesById[2] = "TICK_HALT"] = 2;
            values[valuesById[3] = "TICK_RESUME"] = 3;
            values[valuesById[4] = "TICK_CANCEL"] = 4;
            values[valuesById[5] = "TICK_CORRECTION"] = 5;
            return values;
        })();

        v1.Tick = (function() {

            /**
             * Properties of a Tick.
             * @typedef {Object} hashcap.v1.Tick.$Properties
             * @property {string|null} [symbol] Tick symbol
             * @property {hashcap.v1.TickKind|null} [kind] Tick kind
             * @property {number|null} [price] Tick price
             * @property {number|null} [size] Tick size
             * @property {number|null} [bid] Tick bid
             * @property {number|null} [ask] Tick ask
             * @property {number|null} [bidSize] Tick bidSize
             * @property {number|null} [askSize] Tick askSize
             * @property {number|null} [timeMs] Tick timeMs
             * @property {number|null} [seq] Tick seq
             * @property {Array.<string>|null} [conditions] Tick conditions
             * @property {number|null} [originalSeq] Tick originalSeq
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Tick.
             * @memberof hashcap.v1
             * @interface ITick
             * @augments hashcap.v1.Tick.$Properties
             * @deprecated Use hashcap.v1.Tick.$Properties instead.
             */

            /**
             * Shape of a Tick.
             * @typedef {hashcap.v1.Tick.$Properties} hashcap.v1.Tick.$Shape
             */

            /**
             * Constructs a new Tick.
             * @memberof hashcap.v1
             * @classdesc Represents a Tick.
             * @constructor
             * @param {hashcap.v1.Tick.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Tick = function (p) {
                this.conditions = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Tick symbol.
             * @member {string} symbol
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.symbol = "";

            /**
             * Tick kind.
             * @member {hashcap.v1.TickKind} kind
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.kind = 0;

            /**
             * Tick price.
             * @member {number} price
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.price = 0;

            /**
             * Tick size.
             * @member {number} size
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.size = 0;

            /**
             * Tick bid.
             * @member {number} bid
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.bid = 0;

            /**
             * Tick ask.
             * @member {number} ask
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.ask = 0;

            /**
             * Tick bidSize.
             * @member {number} bidSize
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.bidSize = 0;

            /**
             * Tick askSize.
             * @member {number} askSize
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.askSize = 0;

            /**
             * Tick timeMs.
             * @member {number} timeMs
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.timeMs = 0;

            /**
             * Tick seq.
             * @member {number} seq
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.seq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Tick conditions.
             * @member {Array.<string>} conditions
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.conditions = $util.emptyArray;

            /**
             * Tick originalSeq.
             * @member {number} originalSeq
             * @memberof hashcap.v1.Tick
             * @instance
             */
            Tick.prototype.originalSeq = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * Creates a new Tick instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Tick
             * @static
             * @param {hashcap.v1.Tick.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Tick} Tick instance
             * @type {{
             *   (properties: hashcap.v1.Tick.$Shape): hashcap.v1.Tick & hashcap.v1.Tick.$Shape;
             *   (properties?: hashcap.v1.Tick.$Properties): hashcap.v1.Tick;
             * }}
             */
            Tick.create = function(properties) {
                return new Tick(properties);
            };

            /**
             * Encodes the specified Tick message. Does not implicitly {@link hashcap.v1.Tick.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Tick
             * @static
             * @param {hashcap.v1.Tick.$Properties} m Tick message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Tick.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 1, wireType 2 =*/10).string(m.symbol);
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind") && m.kind !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).int32(m.kind);
                if (m.price != null && $Object.hasOwnProperty.call(m, "price") && !$Object.is(m.price, 0))
                    w.uint32(/* id 3, wireType 1 =*/25).double(m.price);
                if (m.size != null && $Object.hasOwnProperty.call(m, "size") && !$Object.is(m.size, 0))
                    w.uint32(/* id 4, wireType 1 =*/33).double(m.size);
                if (m.bid != null && $Object.hasOwnProperty.call(m, "bid") && !$Object.is(m.bid, 0))
                    w.uint32(/* id 5, wireType 1 =*/41).double(m.bid);
                if (m.ask != null && $Object.hasOwnProperty.call(m, "ask") && !$Object.is(m.ask, 0))
                    w.uint32(/* id 6, wireType 1 =*/49).double(m.ask);
                if (m.bidSize != null && $Object.hasOwnProperty.call(m, "bidSize") && !$Object.is(m.bidSize, 0))
                    w.uint32(/* id 7, wireType 1 =*/57).double(m.bidSize);
                if (m.askSize != null && $Object.hasOwnProperty.call(m, "askSize") && !$Object.is(m.askSize, 0))
                    w.uint32(/* id 8, wireType 1 =*/65).double(m.askSize);
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs") && !$Object.is(m.timeMs, 0))
                    w.uint32(/* id 9, wireType 1 =*/73).double(m.timeMs);
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq") && (typeof m.seq === "object" ? m.seq.low || m.seq.high : m.seq !== 0))
                    w.uint32(/* id 10, wireType 0 =*/80).uint64(m.seq);
                if (m.conditions != null && m.conditions.length) {
                    for (var i = 0; i < m.conditions.length; ++i)
                        w.uint32(/* id 11, wireType 2 =*/90).string(m.conditions[i]);
                }
                if (m.originalSeq != null && $Object.hasOwnProperty.call(m, "originalSeq") && (typeof m.originalSeq === "object" ? m.originalSeq.low || m.originalSeq.high : m.originalSeq !== 0))
                    w.uint32(/* id 12, wireType 0 =*/96).uint64(m.originalSeq);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Tick message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Tick
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Tick & hashcap.v1.Tick.$Shape} Tick
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Tick.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Tick();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.int32())
                                m.kind = v;
                            else
                                delete m.kind;
                            continue;
                        }
                    case 3: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.price = v;
                            else
                                delete m.price;
                            continue;
                        }
                    case 4: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.size = v;
                            else
                                delete m.size;
                            continue;
                        }
                    case 5: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.bid = v;
                            else
                                delete m.bid;
                            continue;
                        }
                    case 6: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.ask = v;
                            else
                                delete m.ask;
                            continue;
                        }
                    case 7: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.bidSize = v;
                            else
                                delete m.bidSize;
                            continue;
                        }
                    case 8: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.askSize = v;
                            else
                                delete m.askSize;
                            continue;
                        }
                    case 9: {
                            if (u !== 1)
                                break;
                            if (!$Object.is(v = r.double(), 0))
                                m.timeMs = v;
                            else
                                delete m.timeMs;
                            continue;
                        }
                    case 10: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.seq = v;
                            else
                                delete m.seq;
                            continue;
                        }
                    case 11: {
                            if (u !== 2)
                                break;
                            if (!(m.conditions && m.conditions.length))
                                m.conditions = [];
                            m.conditions.push(r.stringVerify());
                            continue;
                        }
                    case 12: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.originalSeq = v;
                            else
                                delete m.originalSeq;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Tick message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Tick
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Tick} Tick
             */
            Tick.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Tick)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Tick: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Tick();
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.kind !== 0 && (typeof d.kind !== "string" || $root.hashcap.v1.TickKind[d.kind] !== 0)) {
                    switch (d.kind) {
                    case "TICK_TRADE":
                    case 0:
                        m.kind = 0;
                        break;
                    case "TICK_QUOTE":
                    case 1:
                        m.kind = 1;
                        break;
                    case "TICK_HALT":
                    case 2:
                        m.kind = 2;
                        break;
                    case "TICK_RESUME":
                    case 3:
                        m.kind = 3;
                        break;
                    case "TICK_CANCEL":
                    case 4:
                        m.kind = 4;
                        break;
                    case "TICK_CORRECTION":
                    case 5:
                        m.kind = 5;
                        break;
                    default:
                        if (typeof d.kind === "number" && (d.kind | 0) === d.kind)
                            m.kind = d.kind;
                    }
                }
                if (d.price != null) {
                    if (!$Object.is($Number(d.price), 0)) {
                        m.price = $Number(d.price);
                    }
                }
                if (d.size != null) {
                    if (!$Object.is($Number(d.size), 0)) {
                        m.size = $Number(d.size);
                    }
                }
                if (d.bid != null) {
                    if (!$Object.is($Number(d.bid), 0)) {
                        m.bid = $Number(d.bid);
                    }
                }
                if (d.ask != null) {
                    if (!$Object.is($Number(d.ask), 0)) {
                        m.ask = $Number(d.ask);
                    }
                }
                if (d.bidSize != null) {
                    if (!$Object.is($Number(d.bidSize), 0)) {
                        m.bidSize = $Number(d.bidSize);
                    }
                }
                if (d.askSize != null) {
                    if (!$Object.is($Number(d.askSize), 0)) {
                        m.askSize = $Number(d.askSize);
                    }
                }
                if (d.timeMs != null) {
                    if (!$Object.is($Number(d.timeMs), 0)) {
                        m.timeMs = $Number(d.timeMs);
                    }
                }
                if (d.seq != null) {
                    if (typeof d.seq === "object" ? d.seq.low || d.seq.high : $Number(d.seq) !== 0) {
                        if ($util.Long)
                            m.seq = $util.Long.fromValue(d.seq, true);
                        else if (typeof d.seq === "string")
                            m.seq = $parseInt(d.seq, 10);
                        else if (typeof d.seq === "number")
                            m.seq = d.seq;
                        else if (typeof d.seq === "object")
                            m.seq = new $util.LongBits(d.seq.low >>> 0, d.seq.high >>> 0).toNumber(true);
                    }
                }
                if (d.conditions) {
                    if (!$Array.isArray(d.conditions))
                        throw $TypeError(".hashcap.v1.Tick.conditions: array expected");
                    m.conditions = $Array(d.conditions.length);
                    for (var i = 0; i < d.conditions.length; ++i) {
                        m.conditions[i] = $String(d.conditions[i]);
                    }
                }
                if (d.originalSeq != null) {
                    if (typeof d.originalSeq === "object" ? d.originalSeq.low || d.originalSeq.high : $Number(d.originalSeq) !== 0) {
                        if ($util.Long)
                            m.originalSeq = $util.Long.fromValue(d.originalSeq, true);
                        else if (typeof d.originalSeq === "string")
                            m.originalSeq = $parseInt(d.originalSeq, 10);
                        else if (typeof d.originalSeq === "number")
                            m.originalSeq = d.originalSeq;
                        else if (typeof d.originalSeq === "object")
                            m.originalSeq = new $util.LongBits(d.originalSeq.low >>> 0, d.originalSeq.high >>> 0).toNumber(true);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Tick message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Tick
             * @static
             * @param {hashcap.v1.Tick} m Tick
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Tick.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.conditions = [];
                }
                if (o.defaults) {
                    d.symbol = "";
                    d.kind = o.enums === $String ? "TICK_TRADE" : 0;
                    d.price = 0;
                    d.size = 0;
                    d.bid = 0;
                    d.ask = 0;
                    d.bidSize = 0;
                    d.askSize = 0;
                    d.timeMs = 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.seq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.seq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.originalSeq = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.originalSeq = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.kind != null && $Object.hasOwnProperty.call(m, "kind")) {
                    d.kind = o.enums === $String ? $root.hashcap.v1.TickKind[m.kind] === $undefined ? m.kind : $root.hashcap.v1.TickKind[m.kind] : m.kind;
                }
                if (m.price != null && $Object.hasOwnProperty.call(m, "price")) {
                    d.price = o.json && !$isFinite(m.price) ? $String(m.price) : m.price;
                }
                if (m.size != null && $Object.hasOwnProperty.call(m, "size")) {
                    d.size = o.json && !$isFinite(m.size) ? $String(m.size) : m.size;
                }
                if (m.bid != null && $Object.hasOwnProperty.call(m, "bid")) {
                    d.bid = o.json && !$isFinite(m.bid) ? $String(m.bid) : m.bid;
                }
                if (m.ask != null && $Object.hasOwnProperty.call(m, "ask")) {
                    d.ask = o.json && !$isFinite(m.ask) ? $String(m.ask) : m.ask;
                }
                if (m.bidSize != null && $Object.hasOwnProperty.call(m, "bidSize")) {
                    d.bidSize = o.json && !$isFinite(m.bidSize) ? $String(m.bidSize) : m.bidSize;
                }
                if (m.askSize != null && $Object.hasOwnProperty.call(m, "askSize")) {
                    d.askSize = o.json && !$isFinite(m.askSize) ? $String(m.askSize) : m.askSize;
                }
                if (m.timeMs != null && $Object.hasOwnProperty.call(m, "timeMs")) {
                    d.timeMs = o.json && !$isFinite(m.timeMs) ? $String(m.timeMs) : m.timeMs;
                }
                if (m.seq != null && $Object.hasOwnProperty.call(m, "seq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.seq = typeof m.seq === "number" ? $BigInt(m.seq) : $util.Long.fromBits(m.seq.low >>> 0, m.seq.high >>> 0, true).toBigInt();
                    else if (typeof m.seq === "number")
                        d.seq = o.longs === $String ? $String(m.seq) : m.seq;
                    else
                        d.seq = o.longs === $String ? $util.Long.prototype.toString.call(m.seq) : o.longs === $Number ? new $util.LongBits(m.seq.low >>> 0, m.seq.high >>> 0).toNumber(true) : m.seq;
                }
                if (m.conditions && m.conditions.length) {
                    d.conditions = $Array(m.conditions.length);
                    for (var j = 0; j < m.conditions.length; ++j) {
                        d.conditions[j] = m.conditions[j];
                    }
                }
                if (m.originalSeq != null && $Object.hasOwnProperty.call(m, "originalSeq")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.originalSeq = typeof m.originalSeq === "number" ? $BigInt(m.originalSeq) : $util.Long.fromBits(m.originalSeq.low >>> 0, m.originalSeq.high >>> 0, true).toBigInt();
                    else if (typeof m.originalSeq === "number")
                        d.originalSeq = o.longs === $String ? $String(m.originalSeq) : m.originalSeq;
                    else
                        d.originalSeq = o.longs === $String ? $util.Long.prototype.toString.call(m.originalSeq) : o.longs === $Number ? new $util.LongBits(m.originalSeq.low >>> 0, m.originalSeq.high >>> 0).toNumber(true) : m.originalSeq;
                }
                return d;
            };

            /**
             * Converts this Tick to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Tick
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Tick.prototype.toJSON = function() {
                return Tick.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Tick
             * @function getTypeUrl
             * @memberof hashcap.v1.Tick
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Tick.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Tick";
            };

            return Tick;
        })();

        v1.IngestReply = (function() {

            /**
             * Properties of an IngestReply.
             * @typedef {Object} hashcap.v1.IngestReply.$Properties
             * @property {number|null} [batchId] IngestReply batchId
             * @property {number|null} [accepted] IngestReply accepted
             * @property {Array.<hashcap.v1.Rejection.$Properties>|null} [rejected] IngestReply rejected
             * @property {hashcap.v1.Error.$Properties|null} [error] IngestReply error
             * @property {boolean|null} [logged] IngestReply logged
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an IngestReply.
             * @memberof hashcap.v1
             * @interface IIngestReply
             * @augments hashcap.v1.IngestReply.$Properties
             * @deprecated Use hashcap.v1.IngestReply.$Properties instead.
             */

            /**
             * Shape of an IngestReply.
             * @typedef {hashcap.v1.IngestReply.$Properties} hashcap.v1.IngestReply.$Shape
             */

            /**
             * Constructs a new IngestReply.
             * @memberof hashcap.v1
             * @classdesc Represents an IngestReply.
             * @constructor
             * @param {hashcap.v1.IngestReply.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const IngestReply = function (p) {
                this.rejected = [];
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * IngestReply batchId.
             * @member {number} batchId
             * @memberof hashcap.v1.IngestReply
             * @instance
             */
            IngestReply.prototype.batchId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

            /**
             * IngestReply accepted.
             * @member {number} accepted
             * @memberof hashcap.v1.IngestReply
             * @instance
             */
            IngestReply.prototype.accepted = 0;

            /**
             * IngestReply rejected.
             * @member {Array.<hashcap.v1.Rejection.$Properties>} rejected
             * @memberof hashcap.v1.IngestReply
             * @instance
             */
            IngestReply.prototype.rejected = $util.emptyArray;

            /**
             * IngestReply error.
             * @member {hashcap.v1.Error.$Properties|null|undefined} error
             * @memberof hashcap.v1.IngestReply
             * @instance
             */
            IngestReply.prototype.error = null;

            /**
             * IngestReply logged.
             * @member {boolean} logged
             * @memberof hashcap.v1.IngestReply
             * @instance
             */
            IngestReply.prototype.logged = false;

            /**
             * Creates a new IngestReply instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {hashcap.v1.IngestReply.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.IngestReply} IngestReply instance
             * @type {{
             *   (properties: hashcap.v1.IngestReply.$Shape): hashcap.v1.IngestReply & hashcap.v1.IngestReply.$Shape;
             *   (properties?: hashcap.v1.IngestReply.$Properties): hashcap.v1.IngestReply;
             * }}
             */
            IngestReply.create = function(properties) {
                return new IngestReply(properties);
            };

            /**
             * Encodes the specified IngestReply message. Does not implicitly {@link hashcap.v1.IngestReply.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {hashcap.v1.IngestReply.$Properties} m IngestReply message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            IngestReply.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.batchId != null && $Object.hasOwnProperty.call(m, "batchId") && (typeof m.batchId === "object" ? m.batchId.low || m.batchId.high : m.batchId !== 0))
                    w.uint32(/* id 1, wireType 0 =*/8).uint64(m.batchId);
                if (m.accepted != null && $Object.hasOwnProperty.call(m, "accepted") && m.accepted !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.accepted);
                if (m.rejected != null && m.rejected.length) {
                    for (var i = 0; i < m.rejected.length; ++i)
                        $root.hashcap.v1.Rejection.encode(m.rejected[i], w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                    $root.hashcap.v1.Error.encode(m.error, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
                if (m.logged != null && $Object.hasOwnProperty.call(m, "logged") && m.logged !== false)
                    w.uint32(/* id 5, wireType 0 =*/40).bool(m.logged);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes an IngestReply message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.IngestReply & hashcap.v1.IngestReply.$Shape} IngestReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            IngestReply.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.IngestReply();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (typeof (v = r.uint64()) === "object" ? v.low || v.high : v !== 0)
                                m.batchId = v;
                            else
                                delete m.batchId;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.accepted = v;
                            else
                                delete m.accepted;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if (!(m.rejected && m.rejected.length))
                                m.rejected = [];
                            m.rejected.push($root.hashcap.v1.Rejection.decode(r, r.size(), $undefined, q + 1));
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            m.error = $root.hashcap.v1.Error.decode(r, r.size(), $undefined, q + 1, m.error);
                            continue;
                        }
                    case 5: {
                            if (u !== 0)
                                break;
                            if (v = r.bool())
                                m.logged = v;
                            else
                                delete m.logged;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates an IngestReply message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.IngestReply} IngestReply
             */
            IngestReply.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.IngestReply)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.IngestReply: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.IngestReply();
                if (d.batchId != null) {
                    if (typeof d.batchId === "object" ? d.batchId.low || d.batchId.high : $Number(d.batchId) !== 0) {
                        if ($util.Long)
                            m.batchId = $util.Long.fromValue(d.batchId, true);
                        else if (typeof d.batchId === "string")
                            m.batchId = $parseInt(d.batchId, 10);
                        else if (typeof d.batchId === "number")
                            m.batchId = d.batchId;
                        else if (typeof d.batchId === "object")
                            m.batchId = new $util.LongBits(d.batchId.low >>> 0, d.batchId.high >>> 0).toNumber(true);
                    }
                }
                if (d.accepted != null) {
                    if ($Number(d.accepted) !== 0) {
                        m.accepted = d.accepted >>> 0;
                    }
                }
                if (d.rejected) {
                    if (!$Array.isArray(d.rejected))
                        throw $TypeError(".hashcap.v1.IngestReply.rejected: array expected");
                    m.rejected = $Array(d.rejected.length);
                    for (var i = 0; i < d.rejected.length; ++i) {
                        if (!$util.isObject(d.rejected[i]))
                            throw $TypeError(".hashcap.v1.IngestReply.rejected: object expected");
                        m.rejected[i] = $root.hashcap.v1.Rejection.fromObject(d.rejected[i], q + 1);
                    }
                }
                if (d.error != null) {
                    if (!$util.isObject(d.error))
                        throw $TypeError(".hashcap.v1.IngestReply.error: object expected");
                    m.error = $root.hashcap.v1.Error.fromObject(d.error, q + 1);
                }
                if (d.logged != null) {
                    if (d.logged) {
                        m.logged = $Boolean(d.logged);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from an IngestReply message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {hashcap.v1.IngestReply} m IngestReply
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            IngestReply.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.arrays || o.defaults) {
                    d.rejected = [];
                }
                if (o.defaults) {
                    if ($util.Long) {
                        var n = new $util.Long(0, 0, true);
                        d.batchId = o.longs === $String ? n.toString() : o.longs === $Number ? n.toNumber() : typeof $BigInt !== "undefined" && o.longs === $BigInt ? n.toBigInt() : n;
                    } else
                        d.batchId = o.longs === $String ? "0" : typeof $BigInt !== "undefined" && o.longs === $BigInt ? $BigInt("0") : 0;
                    d.accepted = 0;
                    d.error = null;
                    d.logged = false;
                }
                if (m.batchId != null && $Object.hasOwnProperty.call(m, "batchId")) {
                    if (typeof $BigInt !== "undefined" && o.longs === $BigInt)
                        d.batchId = typeof m.batchId === "number" ? $BigInt(m.batchId) : $util.Long.fromBits(m.batchId.low >>> 0, m.batchId.high >>> 0, true).toBigInt();
                    else if (typeof m.batchId === "number")
                        d.batchId = o.longs === $String ? $String(m.batchId) : m.batchId;
                    else
                        d.batchId = o.longs === $String ? $util.Long.prototype.toString.call(m.batchId) : o.longs === $Number ? new $util.LongBits(m.batchId.low >>> 0, m.batchId.high >>> 0).toNumber(true) : m.batchId;
                }
                if (m.accepted != null && $Object.hasOwnProperty.call(m, "accepted")) {
                    d.accepted = m.accepted;
                }
                if (m.rejected && m.rejected.length) {
                    d.rejected = $Array(m.rejected.length);
                    for (var j = 0; j < m.rejected.length; ++j) {
                        d.rejected[j] = $root.hashcap.v1.Rejection.toObject(m.rejected[j], o, q + 1);
                    }
                }
                if (m.error != null && $Object.hasOwnProperty.call(m, "error")) {
                    d.error = $root.hashcap.v1.Error.toObject(m.error, o, q + 1);
                }
                if (m.logged != null && $Object.hasOwnProperty.call(m, "logged")) {
                    d.logged = m.logged;
                }
                return d;
            };

            /**
             * Converts this IngestReply to JSON.
             * @function toJSON
             * @memberof hashcap.v1.IngestReply
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            IngestReply.prototype.toJSON = function() {
                return IngestReply.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for IngestReply
             * @function getTypeUrl
             * @memberof hashcap.v1.IngestReply
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            IngestReply.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.IngestReply";
            };

            return IngestReply;
        })();

        v1.Rejection = (function() {

            /**
             * Properties of a Rejection.
             * @typedef {Object} hashcap.v1.Rejection.$Properties
             * @property {number|null} [index] Rejection index
             * @property {number|null} [reason] Rejection reason
             * @property {string|null} [reasonName] Rejection reasonName
             * @property {string|null} [symbol] Rejection symbol
             * @property {string|null} [detail] Rejection detail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Rejection.
             * @memberof hashcap.v1
             * @interface IRejection
             * @augments hashcap.v1.Rejection.$Properties
             * @deprecated Use hashcap.v1.Rejection.$Properties instead.
             */

            /**
             * Shape of a Rejection.
             * @typedef {hashcap.v1.Rejection.$Properties} hashcap.v1.Rejection.$Shape
             */

            /**
             * Constructs a new Rejection.
             * @memberof hashcap.v1
             * @classdesc Represents a Rejection.
             * @constructor
             * @param {hashcap.v1.Rejection.$Properties=} [p] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Rejection = function (p) {
                if (p)
                    for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                        if (p[ks[i]] != null && ks[i] !== "__proto__")
                            this[ks[i]] = p[ks[i]];
            };

            /**
             * Rejection index.
             * @member {number} index
             * @memberof hashcap.v1.Rejection
             * @instance
             */
            Rejection.prototype.index = 0;

            /**
             * Rejection reason.
             * @member {number} reason
             * @memberof hashcap.v1.Rejection
             * @instance
             */
            Rejection.prototype.reason = 0;

            /**
             * Rejection reasonName.
             * @member {string} reasonName
             * @memberof hashcap.v1.Rejection
             * @instance
             */
            Rejection.prototype.reasonName = "";

            /**
             * Rejection symbol.
             * @member {string} symbol
             * @memberof hashcap.v1.Rejection
             * @instance
             */
            Rejection.prototype.symbol = "";

            /**
             * Rejection detail.
             * @member {string} detail
             * @memberof hashcap.v1.Rejection
             * @instance
             */
            Rejection.prototype.detail = "";

            /**
             * Creates a new Rejection instance using the specified properties.
             * @function create
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {hashcap.v1.Rejection.$Properties=} [properties] Properties to set
             * @returns {hashcap.v1.Rejection} Rejection instance
             * @type {{
             *   (properties: hashcap.v1.Rejection.$Shape): hashcap.v1.Rejection & hashcap.v1.Rejection.$Shape;
             *   (properties?: hashcap.v1.Rejection.$Properties): hashcap.v1.Rejection;
             * }}
             */
            Rejection.create = function(properties) {
                return new Rejection(properties);
            };

            /**
             * Encodes the specified Rejection message. Does not implicitly {@link hashcap.v1.Rejection.verify|verify} messages.
             * @function encode
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {hashcap.v1.Rejection.$Properties} m Rejection message or plain object to encode
             * @param {$protobuf.Writer} [w] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Rejection.encode = function (m, w, q) {
                if (!w)
                    w = $Writer.create();
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (m.index != null && $Object.hasOwnProperty.call(m, "index") && m.index !== 0)
                    w.uint32(/* id 1, wireType 0 =*/8).uint32(m.index);
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason") && m.reason !== 0)
                    w.uint32(/* id 2, wireType 0 =*/16).uint32(m.reason);
                if (m.reasonName != null && $Object.hasOwnProperty.call(m, "reasonName") && m.reasonName !== "")
                    w.uint32(/* id 3, wireType 2 =*/26).string(m.reasonName);
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol") && m.symbol !== "")
                    w.uint32(/* id 4, wireType 2 =*/34).string(m.symbol);
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail") && m.detail !== "")
                    w.uint32(/* id 5, wireType 2 =*/42).string(m.detail);
                if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                    for (var i = 0; i < m.$unknowns.length; ++i)
                        w.raw(m.$unknowns[i]);
                return w;
            };

            /**
             * Decodes a Rejection message from the specified reader or buffer.
             * @function decode
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
             * @param {number} [l] Message length if known beforehand
             * @returns {hashcap.v1.Rejection & hashcap.v1.Rejection.$Shape} Rejection
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Rejection.decode = function (r, l, z, q, g) {
                if (!(r instanceof $Reader))
                    r = $Reader.create(r);
                if (q === $undefined)
                    q = 0;
                if (q > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                var c, m, v;
                if (l === $undefined)
                    c = r.len;
                else {
                    c = r.pos + l;
                    if (c > r.len)
                        throw $RangeError("index out of range");
                    l = r.len;
                    r.len = c;
                }
                m = g || new $root.hashcap.v1.Rejection();
                while (r.pos < c) {
                    var s = r.pos;
                    var t = r.tag();
                    if (t === z) {
                        z = $undefined;
                        break;
                    }
                    var u = t & 7;
                    switch (t >>>= 3) {
                    case 1: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.index = v;
                            else
                                delete m.index;
                            continue;
                        }
                    case 2: {
                            if (u !== 0)
                                break;
                            if (v = r.uint32())
                                m.reason = v;
                            else
                                delete m.reason;
                            continue;
                        }
                    case 3: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.reasonName = v;
                            else
                                delete m.reasonName;
                            continue;
                        }
                    case 4: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.symbol = v;
                            else
                                delete m.symbol;
                            continue;
                        }
                    case 5: {
                            if (u !== 2)
                                break;
                            if ((v = r.stringVerify()).length)
                                m.detail = v;
                            else
                                delete m.detail;
                            continue;
                        }
                    }
                    r.skipType(u, q, t);
                    if (!r.discardUnknown) {
                        $util.makeProp(m, "$unknowns", false);
                        (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                    }
                }
                if (l !== $undefined) {
                    if (r.pos !== c)
                        throw $RangeError("index out of range");
                    r.len = l;
                }
                if (z !== $undefined)
                    throw $Error("missing end group");
                return m;
            };

            /**
             * Creates a Rejection message from a plain object. Also converts values to their respective internal types.
             * @function fromObject
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {Object.<string,*>} d Plain object
             * @returns {hashcap.v1.Rejection} Rejection
             */
            Rejection.fromObject = function (d, q) {
                if (d instanceof $root.hashcap.v1.Rejection)
                    return d;
                if (!$util.isObject(d))
                    throw $TypeError(".hashcap.v1.Rejection: object expected");
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var m = new $root.hashcap.v1.Rejection();
                if (d.index != null) {
                    if ($Number(d.index) !== 0) {
                        m.index = d.index >>> 0;
                    }
                }
                if (d.reason != null) {
                    if ($Number(d.reason) !== 0) {
                        m.reason = d.reason >>> 0;
                    }
                }
                if (d.reasonName != null) {
                    if (typeof d.reasonName !== "string" || d.reasonName.length) {
                        m.reasonName = $String(d.reasonName);
                    }
                }
                if (d.symbol != null) {
                    if (typeof d.symbol !== "string" || d.symbol.length) {
                        m.symbol = $String(d.symbol);
                    }
                }
                if (d.detail != null) {
                    if (typeof d.detail !== "string" || d.detail.length) {
                        m.detail = $String(d.detail);
                    }
                }
                return m;
            };

            /**
             * Creates a plain object from a Rejection message. Also converts values to other types if specified.
             * @function toObject
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {hashcap.v1.Rejection} m Rejection
             * @param {$protobuf.IConversionOptions} [o] Conversion options
             * @returns {Object.<string,*>} Plain object
             */
            Rejection.toObject = function (m, o, q) {
                if (!o)
                    o = {};
                if (q === $undefined)
                    q = 0;
                if (q > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                var d = {};
                if (o.defaults) {
                    d.index = 0;
                    d.reason = 0;
                    d.reasonName = "";
                    d.symbol = "";
                    d.detail = "";
                }
                if (m.index != null && $Object.hasOwnProperty.call(m, "index")) {
                    d.index = m.index;
                }
                if (m.reason != null && $Object.hasOwnProperty.call(m, "reason")) {
                    d.reason = m.reason;
                }
                if (m.reasonName != null && $Object.hasOwnProperty.call(m, "reasonName")) {
                    d.reasonName = m.reasonName;
                }
                if (m.symbol != null && $Object.hasOwnProperty.call(m, "symbol")) {
                    d.symbol = m.symbol;
                }
                if (m.detail != null && $Object.hasOwnProperty.call(m, "detail")) {
                    d.detail = m.detail;
                }
                return d;
            };

            /**
             * Converts this Rejection to JSON.
             * @function toJSON
             * @memberof hashcap.v1.Rejection
             * @instance
             * @returns {Object.<string,*>} JSON object
             */
            Rejection.prototype.toJSON = function() {
                return Rejection.toObject(this, $protobuf.util.toJSONOptions);
            };

            /**
             * Gets the type url for Rejection
             * @function getTypeUrl
             * @memberof hashcap.v1.Rejection
             * @static
             * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
             * @returns {string} The type url
             */
            Rejection.getTypeUrl = function(prefix) {
                if (prefix === $undefined)
                    prefix = "type.googleapis.com";
                return prefix + "/hashcap.v1.Rejection";
            };

            return Rejection;
        })();

        return v1;
    })();

    return hashcap;
})();

export {
  $root as default
};
