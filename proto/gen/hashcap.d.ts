import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace hashcap {

    namespace v1 {

        enum Session {
            SESSION_CLOSED = 0,
            SESSION_PRE = 1,
            SESSION_REGULAR = 2,
            SESSION_POST = 3
        }

        interface IClientMessage extends hashcap.v1.ClientMessage.$Properties {
        }

        class ClientMessage {
            constructor(p?: hashcap.v1.ClientMessage.$Properties);
            $unknowns?: Uint8Array[];
            subscribe?: (hashcap.v1.Subscribe.$Properties|null);
            unsubscribe?: (hashcap.v1.Unsubscribe.$Properties|null);
            listSubscriptions?: (hashcap.v1.ListSubscriptions.$Properties|null);
            ping?: (hashcap.v1.Ping.$Properties|null);
            msg?: ("subscribe"|"unsubscribe"|"listSubscriptions"|"ping");
            static create(properties: hashcap.v1.ClientMessage.$Shape): hashcap.v1.ClientMessage & hashcap.v1.ClientMessage.$Shape;
            static create(properties?: hashcap.v1.ClientMessage.$Properties): hashcap.v1.ClientMessage;
            static encode(m: hashcap.v1.ClientMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ClientMessage & hashcap.v1.ClientMessage.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ClientMessage;
            static toObject(m: hashcap.v1.ClientMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ClientMessage {
            interface $Properties {
                subscribe?: (hashcap.v1.Subscribe.$Properties|null);
                unsubscribe?: (hashcap.v1.Unsubscribe.$Properties|null);
                listSubscriptions?: (hashcap.v1.ListSubscriptions.$Properties|null);
                ping?: (hashcap.v1.Ping.$Properties|null);
                msg?: ("subscribe"|"unsubscribe"|"listSubscriptions"|"ping");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              subscribe?: hashcap.v1.Subscribe.$Shape|null;
              unsubscribe?: hashcap.v1.Unsubscribe.$Shape|null;
              listSubscriptions?: hashcap.v1.ListSubscriptions.$Shape|null;
              ping?: hashcap.v1.Ping.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; subscribe?: null; unsubscribe?: null; listSubscriptions?: null; ping?: null }|{ msg?: "subscribe"; subscribe: hashcap.v1.Subscribe.$Shape; unsubscribe?: null; listSubscriptions?: null; ping?: null }|{ msg?: "unsubscribe"; subscribe?: null; unsubscribe: hashcap.v1.Unsubscribe.$Shape; listSubscriptions?: null; ping?: null }|{ msg?: "listSubscriptions"; subscribe?: null; unsubscribe?: null; listSubscriptions: hashcap.v1.ListSubscriptions.$Shape; ping?: null }|{ msg?: "ping"; subscribe?: null; unsubscribe?: null; listSubscriptions?: null; ping: hashcap.v1.Ping.$Shape })
            );
        }

        interface ISubscribe extends hashcap.v1.Subscribe.$Properties {
        }

        class Subscribe {
            constructor(p?: hashcap.v1.Subscribe.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            channels: string[];
            conflateMs: number;
            resume: hashcap.v1.ResumePoint.$Properties[];
            static create(properties: hashcap.v1.Subscribe.$Shape): hashcap.v1.Subscribe & hashcap.v1.Subscribe.$Shape;
            static create(properties?: hashcap.v1.Subscribe.$Properties): hashcap.v1.Subscribe;
            static encode(m: hashcap.v1.Subscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Subscribe & hashcap.v1.Subscribe.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Subscribe;
            static toObject(m: hashcap.v1.Subscribe, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Subscribe {
            interface $Properties {
                requestId?: (number|null);
                channels?: (string[]|null);
                conflateMs?: (number|null);
                resume?: (hashcap.v1.ResumePoint.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Subscribe.$Properties;
        }

        interface IResumePoint extends hashcap.v1.ResumePoint.$Properties {
        }

        class ResumePoint {
            constructor(p?: hashcap.v1.ResumePoint.$Properties);
            $unknowns?: Uint8Array[];
            channel: string;
            epoch: number;
            lastSeq: number;
            static create(properties: hashcap.v1.ResumePoint.$Shape): hashcap.v1.ResumePoint & hashcap.v1.ResumePoint.$Shape;
            static create(properties?: hashcap.v1.ResumePoint.$Properties): hashcap.v1.ResumePoint;
            static encode(m: hashcap.v1.ResumePoint.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ResumePoint & hashcap.v1.ResumePoint.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ResumePoint;
            static toObject(m: hashcap.v1.ResumePoint, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ResumePoint {
            interface $Properties {
                channel?: (string|null);
                epoch?: (number|null);
                lastSeq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.ResumePoint.$Properties;
        }

        interface IUnsubscribe extends hashcap.v1.Unsubscribe.$Properties {
        }

        class Unsubscribe {
            constructor(p?: hashcap.v1.Unsubscribe.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            channels: string[];
            conflateMs: number;
            static create(properties: hashcap.v1.Unsubscribe.$Shape): hashcap.v1.Unsubscribe & hashcap.v1.Unsubscribe.$Shape;
            static create(properties?: hashcap.v1.Unsubscribe.$Properties): hashcap.v1.Unsubscribe;
            static encode(m: hashcap.v1.Unsubscribe.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Unsubscribe & hashcap.v1.Unsubscribe.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Unsubscribe;
            static toObject(m: hashcap.v1.Unsubscribe, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Unsubscribe {
            interface $Properties {
                requestId?: (number|null);
                channels?: (string[]|null);
                conflateMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Unsubscribe.$Properties;
        }

        interface IListSubscriptions extends hashcap.v1.ListSubscriptions.$Properties {
        }

        class ListSubscriptions {
            constructor(p?: hashcap.v1.ListSubscriptions.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            static create(properties: hashcap.v1.ListSubscriptions.$Shape): hashcap.v1.ListSubscriptions & hashcap.v1.ListSubscriptions.$Shape;
            static create(properties?: hashcap.v1.ListSubscriptions.$Properties): hashcap.v1.ListSubscriptions;
            static encode(m: hashcap.v1.ListSubscriptions.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ListSubscriptions & hashcap.v1.ListSubscriptions.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ListSubscriptions;
            static toObject(m: hashcap.v1.ListSubscriptions, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ListSubscriptions {
            interface $Properties {
                requestId?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.ListSubscriptions.$Properties;
        }

        interface IPing extends hashcap.v1.Ping.$Properties {
        }

        class Ping {
            constructor(p?: hashcap.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            clientTimeMs: number;
            static create(properties: hashcap.v1.Ping.$Shape): hashcap.v1.Ping & hashcap.v1.Ping.$Shape;
            static create(properties?: hashcap.v1.Ping.$Properties): hashcap.v1.Ping;
            static encode(m: hashcap.v1.Ping.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Ping & hashcap.v1.Ping.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Ping;
            static toObject(m: hashcap.v1.Ping, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ping {
            interface $Properties {
                requestId?: (number|null);
                clientTimeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Ping.$Properties;
        }

        interface IServerMessage extends hashcap.v1.ServerMessage.$Properties {
        }

        class ServerMessage {
            constructor(p?: hashcap.v1.ServerMessage.$Properties);
            $unknowns?: Uint8Array[];
            ack?: (hashcap.v1.Ack.$Properties|null);
            error?: (hashcap.v1.Error.$Properties|null);
            snapshot?: (hashcap.v1.Snapshot.$Properties|null);
            delta?: (hashcap.v1.Delta.$Properties|null);
            heartbeat?: (hashcap.v1.Heartbeat.$Properties|null);
            subscriptions?: (hashcap.v1.SubscriptionList.$Properties|null);
            pong?: (hashcap.v1.Pong.$Properties|null);
            notice?: (hashcap.v1.Notice.$Properties|null);
            msg?: ("ack"|"error"|"snapshot"|"delta"|"heartbeat"|"subscriptions"|"pong"|"notice");
            static create(properties: hashcap.v1.ServerMessage.$Shape): hashcap.v1.ServerMessage & hashcap.v1.ServerMessage.$Shape;
            static create(properties?: hashcap.v1.ServerMessage.$Properties): hashcap.v1.ServerMessage;
            static encode(m: hashcap.v1.ServerMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ServerMessage & hashcap.v1.ServerMessage.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ServerMessage;
            static toObject(m: hashcap.v1.ServerMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ServerMessage {
            interface $Properties {
                ack?: (hashcap.v1.Ack.$Properties|null);
                error?: (hashcap.v1.Error.$Properties|null);
                snapshot?: (hashcap.v1.Snapshot.$Properties|null);
                delta?: (hashcap.v1.Delta.$Properties|null);
                heartbeat?: (hashcap.v1.Heartbeat.$Properties|null);
                subscriptions?: (hashcap.v1.SubscriptionList.$Properties|null);
                pong?: (hashcap.v1.Pong.$Properties|null);
                notice?: (hashcap.v1.Notice.$Properties|null);
                msg?: ("ack"|"error"|"snapshot"|"delta"|"heartbeat"|"subscriptions"|"pong"|"notice");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              ack?: hashcap.v1.Ack.$Shape|null;
              error?: hashcap.v1.Error.$Shape|null;
              snapshot?: hashcap.v1.Snapshot.$Shape|null;
              delta?: hashcap.v1.Delta.$Shape|null;
              heartbeat?: hashcap.v1.Heartbeat.$Shape|null;
              subscriptions?: hashcap.v1.SubscriptionList.$Shape|null;
              pong?: hashcap.v1.Pong.$Shape|null;
              notice?: hashcap.v1.Notice.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "ack"; ack: hashcap.v1.Ack.$Shape; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "error"; ack?: null; error: hashcap.v1.Error.$Shape; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "snapshot"; ack?: null; error?: null; snapshot: hashcap.v1.Snapshot.$Shape; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "delta"; ack?: null; error?: null; snapshot?: null; delta: hashcap.v1.Delta.$Shape; heartbeat?: null; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "heartbeat"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat: hashcap.v1.Heartbeat.$Shape; subscriptions?: null; pong?: null; notice?: null }|{ msg?: "subscriptions"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions: hashcap.v1.SubscriptionList.$Shape; pong?: null; notice?: null }|{ msg?: "pong"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong: hashcap.v1.Pong.$Shape; notice?: null }|{ msg?: "notice"; ack?: null; error?: null; snapshot?: null; delta?: null; heartbeat?: null; subscriptions?: null; pong?: null; notice: hashcap.v1.Notice.$Shape })
            );
        }

        interface IAck extends hashcap.v1.Ack.$Properties {
        }

        class Ack {
            constructor(p?: hashcap.v1.Ack.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            channel: string;
            conflateMs: number;
            epoch: number;
            resumed: boolean;
            replayed: number;
            unsubscribed: boolean;
            static create(properties: hashcap.v1.Ack.$Shape): hashcap.v1.Ack & hashcap.v1.Ack.$Shape;
            static create(properties?: hashcap.v1.Ack.$Properties): hashcap.v1.Ack;
            static encode(m: hashcap.v1.Ack.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Ack & hashcap.v1.Ack.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Ack;
            static toObject(m: hashcap.v1.Ack, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Ack {
            interface $Properties {
                requestId?: (number|null);
                channel?: (string|null);
                conflateMs?: (number|null);
                epoch?: (number|null);
                resumed?: (boolean|null);
                replayed?: (number|null);
                unsubscribed?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Ack.$Properties;
        }

        interface IError extends hashcap.v1.Error.$Properties {
        }

        class Error {
            constructor(p?: hashcap.v1.Error.$Properties);
            $unknowns?: Uint8Array[];
            code: number;
            message: string;
            requestId: number;
            channel: string;
            retryAfterMs: number;
            static create(properties: hashcap.v1.Error.$Shape): hashcap.v1.Error & hashcap.v1.Error.$Shape;
            static create(properties?: hashcap.v1.Error.$Properties): hashcap.v1.Error;
            static encode(m: hashcap.v1.Error.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Error & hashcap.v1.Error.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Error;
            static toObject(m: hashcap.v1.Error, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Error {
            interface $Properties {
                code?: (number|null);
                message?: (string|null);
                requestId?: (number|null);
                channel?: (string|null);
                retryAfterMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Error.$Properties;
        }

        interface ISnapshot extends hashcap.v1.Snapshot.$Properties {
        }

        class Snapshot {
            constructor(p?: hashcap.v1.Snapshot.$Properties);
            $unknowns?: Uint8Array[];
            channel: string;
            conflateMs: number;
            epoch: number;
            seq: number;
            eventTimeMs: number;
            sendTimeMs: number;
            keyframe: boolean;
            crc32: number;
            recovered: boolean;
            state?: (hashcap.v1.ChannelState.$Properties|null);
            jsonCrc32: number;
            static create(properties: hashcap.v1.Snapshot.$Shape): hashcap.v1.Snapshot & hashcap.v1.Snapshot.$Shape;
            static create(properties?: hashcap.v1.Snapshot.$Properties): hashcap.v1.Snapshot;
            static encode(m: hashcap.v1.Snapshot.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Snapshot & hashcap.v1.Snapshot.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Snapshot;
            static toObject(m: hashcap.v1.Snapshot, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Snapshot {
            interface $Properties {
                channel?: (string|null);
                conflateMs?: (number|null);
                epoch?: (number|null);
                seq?: (number|null);
                eventTimeMs?: (number|null);
                sendTimeMs?: (number|null);
                keyframe?: (boolean|null);
                crc32?: (number|null);
                recovered?: (boolean|null);
                state?: (hashcap.v1.ChannelState.$Properties|null);
                jsonCrc32?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              channel?: string|null;
              conflateMs?: number|null;
              epoch?: number|null;
              seq?: number|null;
              eventTimeMs?: number|null;
              sendTimeMs?: number|null;
              keyframe?: boolean|null;
              crc32?: number|null;
              recovered?: boolean|null;
              state?: hashcap.v1.ChannelState.$Shape|null;
              jsonCrc32?: number|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IDelta extends hashcap.v1.Delta.$Properties {
        }

        class Delta {
            constructor(p?: hashcap.v1.Delta.$Properties);
            $unknowns?: Uint8Array[];
            channel: string;
            conflateMs: number;
            epoch: number;
            seq: number;
            eventTimeMs: number;
            sendTimeMs: number;
            changes?: (hashcap.v1.ChannelState.$Properties|null);
            static create(properties: hashcap.v1.Delta.$Shape): hashcap.v1.Delta & hashcap.v1.Delta.$Shape;
            static create(properties?: hashcap.v1.Delta.$Properties): hashcap.v1.Delta;
            static encode(m: hashcap.v1.Delta.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Delta & hashcap.v1.Delta.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Delta;
            static toObject(m: hashcap.v1.Delta, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Delta {
            interface $Properties {
                channel?: (string|null);
                conflateMs?: (number|null);
                epoch?: (number|null);
                seq?: (number|null);
                eventTimeMs?: (number|null);
                sendTimeMs?: (number|null);
                changes?: (hashcap.v1.ChannelState.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              channel?: string|null;
              conflateMs?: number|null;
              epoch?: number|null;
              seq?: number|null;
              eventTimeMs?: number|null;
              sendTimeMs?: number|null;
              changes?: hashcap.v1.ChannelState.$Shape|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IChannelState extends hashcap.v1.ChannelState.$Properties {
        }

        class ChannelState {
            constructor(p?: hashcap.v1.ChannelState.$Properties);
            $unknowns?: Uint8Array[];
            index?: (hashcap.v1.IndexState.$Properties|null);
            quotes?: (hashcap.v1.QuotesState.$Properties|null);
            bars?: (hashcap.v1.BarsState.$Properties|null);
            status?: (hashcap.v1.StatusState.$Properties|null);
            kind?: ("index"|"quotes"|"bars"|"status");
            static create(properties: hashcap.v1.ChannelState.$Shape): hashcap.v1.ChannelState & hashcap.v1.ChannelState.$Shape;
            static create(properties?: hashcap.v1.ChannelState.$Properties): hashcap.v1.ChannelState;
            static encode(m: hashcap.v1.ChannelState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ChannelState & hashcap.v1.ChannelState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ChannelState;
            static toObject(m: hashcap.v1.ChannelState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ChannelState {
            interface $Properties {
                index?: (hashcap.v1.IndexState.$Properties|null);
                quotes?: (hashcap.v1.QuotesState.$Properties|null);
                bars?: (hashcap.v1.BarsState.$Properties|null);
                status?: (hashcap.v1.StatusState.$Properties|null);
                kind?: ("index"|"quotes"|"bars"|"status");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              index?: hashcap.v1.IndexState.$Shape|null;
              quotes?: hashcap.v1.QuotesState.$Shape|null;
              bars?: hashcap.v1.BarsState.$Shape|null;
              status?: hashcap.v1.StatusState.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; index?: null; quotes?: null; bars?: null; status?: null }|{ kind?: "index"; index: hashcap.v1.IndexState.$Shape; quotes?: null; bars?: null; status?: null }|{ kind?: "quotes"; index?: null; quotes: hashcap.v1.QuotesState.$Shape; bars?: null; status?: null }|{ kind?: "bars"; index?: null; quotes?: null; bars: hashcap.v1.BarsState.$Shape; status?: null }|{ kind?: "status"; index?: null; quotes?: null; bars?: null; status: hashcap.v1.StatusState.$Shape })
            );
        }

        interface IIndexState extends hashcap.v1.IndexState.$Properties {
        }

        class IndexState {
            constructor(p?: hashcap.v1.IndexState.$Properties);
            $unknowns?: Uint8Array[];
            id: string;
            name?: (string|null);
            level?: (number|null);
            previousLevel?: (number|null);
            change?: (number|null);
            changePct?: (number|null);
            marketCapUsd?: (number|null);
            previousMarketCapUsd?: (number|null);
            marketCapChangeUsd?: (number|null);
            divisor?: (number|null);
            advancers?: (number|null);
            decliners?: (number|null);
            unchanged?: (number|null);
            indicative?: (boolean|null);
            nextMilestoneUsd?: (number|null);
            milestonesReachedUsd: number[];
            eventAdjustment?: (number|null);
            constituents: hashcap.v1.ConstituentState.$Properties[];
            milestonesChanged: boolean;
            removed: string[];
            static create(properties: hashcap.v1.IndexState.$Shape): hashcap.v1.IndexState & hashcap.v1.IndexState.$Shape;
            static create(properties?: hashcap.v1.IndexState.$Properties): hashcap.v1.IndexState;
            static encode(m: hashcap.v1.IndexState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.IndexState & hashcap.v1.IndexState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.IndexState;
            static toObject(m: hashcap.v1.IndexState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace IndexState {
            interface $Properties {
                id?: (string|null);
                name?: (string|null);
                level?: (number|null);
                previousLevel?: (number|null);
                change?: (number|null);
                changePct?: (number|null);
                marketCapUsd?: (number|null);
                previousMarketCapUsd?: (number|null);
                marketCapChangeUsd?: (number|null);
                divisor?: (number|null);
                advancers?: (number|null);
                decliners?: (number|null);
                unchanged?: (number|null);
                indicative?: (boolean|null);
                nextMilestoneUsd?: (number|null);
                milestonesReachedUsd?: (number[]|null);
                eventAdjustment?: (number|null);
                constituents?: (hashcap.v1.ConstituentState.$Properties[]|null);
                milestonesChanged?: (boolean|null);
                removed?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.IndexState.$Properties;
        }

        interface IConstituentState extends hashcap.v1.ConstituentState.$Properties {
        }

        class ConstituentState {
            constructor(p?: hashcap.v1.ConstituentState.$Properties);
            $unknowns?: Uint8Array[];
            ticker: string;
            name?: (string|null);
            last?: (number|null);
            previousClose?: (number|null);
            change?: (number|null);
            changePct?: (number|null);
            marketCapUsd?: (number|null);
            weight?: (number|null);
            contribution?: (number|null);
            session?: (hashcap.v1.Session|null);
            lastTimeMs?: (number|null);
            halted?: (boolean|null);
            stale?: (boolean|null);
            shares?: (number|null);
            changeSinceClose?: (number|null);
            static create(properties: hashcap.v1.ConstituentState.$Shape): hashcap.v1.ConstituentState & hashcap.v1.ConstituentState.$Shape;
            static create(properties?: hashcap.v1.ConstituentState.$Properties): hashcap.v1.ConstituentState;
            static encode(m: hashcap.v1.ConstituentState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.ConstituentState & hashcap.v1.ConstituentState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.ConstituentState;
            static toObject(m: hashcap.v1.ConstituentState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace ConstituentState {
            interface $Properties {
                ticker?: (string|null);
                name?: (string|null);
                last?: (number|null);
                previousClose?: (number|null);
                change?: (number|null);
                changePct?: (number|null);
                marketCapUsd?: (number|null);
                weight?: (number|null);
                contribution?: (number|null);
                session?: (hashcap.v1.Session|null);
                lastTimeMs?: (number|null);
                halted?: (boolean|null);
                stale?: (boolean|null);
                shares?: (number|null);
                changeSinceClose?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.ConstituentState.$Properties;
        }

        interface IQuotesState extends hashcap.v1.QuotesState.$Properties {
        }

        class QuotesState {
            constructor(p?: hashcap.v1.QuotesState.$Properties);
            $unknowns?: Uint8Array[];
            quotes: hashcap.v1.Quote.$Properties[];
            static create(properties: hashcap.v1.QuotesState.$Shape): hashcap.v1.QuotesState & hashcap.v1.QuotesState.$Shape;
            static create(properties?: hashcap.v1.QuotesState.$Properties): hashcap.v1.QuotesState;
            static encode(m: hashcap.v1.QuotesState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.QuotesState & hashcap.v1.QuotesState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.QuotesState;
            static toObject(m: hashcap.v1.QuotesState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace QuotesState {
            interface $Properties {
                quotes?: (hashcap.v1.Quote.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.QuotesState.$Properties;
        }

        interface IQuote extends hashcap.v1.Quote.$Properties {
        }

        class Quote {
            constructor(p?: hashcap.v1.Quote.$Properties);
            $unknowns?: Uint8Array[];
            symbol: string;
            last?: (number|null);
            lastSize?: (number|null);
            bid?: (number|null);
            ask?: (number|null);
            bidSize?: (number|null);
            askSize?: (number|null);
            volume?: (number|null);
            previousClose?: (number|null);
            changePct?: (number|null);
            session?: (hashcap.v1.Session|null);
            timeMs?: (number|null);
            static create(properties: hashcap.v1.Quote.$Shape): hashcap.v1.Quote & hashcap.v1.Quote.$Shape;
            static create(properties?: hashcap.v1.Quote.$Properties): hashcap.v1.Quote;
            static encode(m: hashcap.v1.Quote.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Quote & hashcap.v1.Quote.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Quote;
            static toObject(m: hashcap.v1.Quote, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Quote {
            interface $Properties {
                symbol?: (string|null);
                last?: (number|null);
                lastSize?: (number|null);
                bid?: (number|null);
                ask?: (number|null);
                bidSize?: (number|null);
                askSize?: (number|null);
                volume?: (number|null);
                previousClose?: (number|null);
                changePct?: (number|null);
                session?: (hashcap.v1.Session|null);
                timeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Quote.$Properties;
        }

        interface IBarsState extends hashcap.v1.BarsState.$Properties {
        }

        class BarsState {
            constructor(p?: hashcap.v1.BarsState.$Properties);
            $unknowns?: Uint8Array[];
            index: string;
            intervalS: number;
            bars: hashcap.v1.Bar.$Properties[];
            maxBars: number;
            static create(properties: hashcap.v1.BarsState.$Shape): hashcap.v1.BarsState & hashcap.v1.BarsState.$Shape;
            static create(properties?: hashcap.v1.BarsState.$Properties): hashcap.v1.BarsState;
            static encode(m: hashcap.v1.BarsState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.BarsState & hashcap.v1.BarsState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.BarsState;
            static toObject(m: hashcap.v1.BarsState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace BarsState {
            interface $Properties {
                index?: (string|null);
                intervalS?: (number|null);
                bars?: (hashcap.v1.Bar.$Properties[]|null);
                maxBars?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.BarsState.$Properties;
        }

        interface IBar extends hashcap.v1.Bar.$Properties {
        }

        class Bar {
            constructor(p?: hashcap.v1.Bar.$Properties);
            $unknowns?: Uint8Array[];
            startMs: number;
            open: number;
            high: number;
            low: number;
            close: number;
            prints: number;
            session: hashcap.v1.Session;
            static create(properties: hashcap.v1.Bar.$Shape): hashcap.v1.Bar & hashcap.v1.Bar.$Shape;
            static create(properties?: hashcap.v1.Bar.$Properties): hashcap.v1.Bar;
            static encode(m: hashcap.v1.Bar.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Bar & hashcap.v1.Bar.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Bar;
            static toObject(m: hashcap.v1.Bar, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Bar {
            interface $Properties {
                startMs?: (number|null);
                open?: (number|null);
                high?: (number|null);
                low?: (number|null);
                close?: (number|null);
                prints?: (number|null);
                session?: (hashcap.v1.Session|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Bar.$Properties;
        }

        interface IStatusState extends hashcap.v1.StatusState.$Properties {
        }

        class StatusState {
            constructor(p?: hashcap.v1.StatusState.$Properties);
            $unknowns?: Uint8Array[];
            session?: (hashcap.v1.Session|null);
            nextSessionChangeMs?: (number|null);
            nextSession?: (hashcap.v1.Session|null);
            symbols: hashcap.v1.SymbolFlags.$Properties[];
            milestones: hashcap.v1.MilestoneCrossing.$Properties[];
            notices: hashcap.v1.Notice.$Properties[];
            rejects: hashcap.v1.RejectCount.$Properties[];
            maxRecent: number;
            static create(properties: hashcap.v1.StatusState.$Shape): hashcap.v1.StatusState & hashcap.v1.StatusState.$Shape;
            static create(properties?: hashcap.v1.StatusState.$Properties): hashcap.v1.StatusState;
            static encode(m: hashcap.v1.StatusState.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.StatusState & hashcap.v1.StatusState.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.StatusState;
            static toObject(m: hashcap.v1.StatusState, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace StatusState {
            interface $Properties {
                session?: (hashcap.v1.Session|null);
                nextSessionChangeMs?: (number|null);
                nextSession?: (hashcap.v1.Session|null);
                symbols?: (hashcap.v1.SymbolFlags.$Properties[]|null);
                milestones?: (hashcap.v1.MilestoneCrossing.$Properties[]|null);
                notices?: (hashcap.v1.Notice.$Properties[]|null);
                rejects?: (hashcap.v1.RejectCount.$Properties[]|null);
                maxRecent?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.StatusState.$Properties;
        }

        interface ISymbolFlags extends hashcap.v1.SymbolFlags.$Properties {
        }

        class SymbolFlags {
            constructor(p?: hashcap.v1.SymbolFlags.$Properties);
            $unknowns?: Uint8Array[];
            symbol: string;
            halted?: (boolean|null);
            stale?: (boolean|null);
            static create(properties: hashcap.v1.SymbolFlags.$Shape): hashcap.v1.SymbolFlags & hashcap.v1.SymbolFlags.$Shape;
            static create(properties?: hashcap.v1.SymbolFlags.$Properties): hashcap.v1.SymbolFlags;
            static encode(m: hashcap.v1.SymbolFlags.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.SymbolFlags & hashcap.v1.SymbolFlags.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.SymbolFlags;
            static toObject(m: hashcap.v1.SymbolFlags, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SymbolFlags {
            interface $Properties {
                symbol?: (string|null);
                halted?: (boolean|null);
                stale?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.SymbolFlags.$Properties;
        }

        interface IMilestoneCrossing extends hashcap.v1.MilestoneCrossing.$Properties {
        }

        class MilestoneCrossing {
            constructor(p?: hashcap.v1.MilestoneCrossing.$Properties);
            $unknowns?: Uint8Array[];
            index: string;
            thresholdUsd: number;
            upward: boolean;
            timeMs: number;
            marketCapUsd: number;
            static create(properties: hashcap.v1.MilestoneCrossing.$Shape): hashcap.v1.MilestoneCrossing & hashcap.v1.MilestoneCrossing.$Shape;
            static create(properties?: hashcap.v1.MilestoneCrossing.$Properties): hashcap.v1.MilestoneCrossing;
            static encode(m: hashcap.v1.MilestoneCrossing.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.MilestoneCrossing & hashcap.v1.MilestoneCrossing.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.MilestoneCrossing;
            static toObject(m: hashcap.v1.MilestoneCrossing, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace MilestoneCrossing {
            interface $Properties {
                index?: (string|null);
                thresholdUsd?: (number|null);
                upward?: (boolean|null);
                timeMs?: (number|null);
                marketCapUsd?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.MilestoneCrossing.$Properties;
        }

        interface IRejectCount extends hashcap.v1.RejectCount.$Properties {
        }

        class RejectCount {
            constructor(p?: hashcap.v1.RejectCount.$Properties);
            $unknowns?: Uint8Array[];
            reason: number;
            name: string;
            count: number;
            static create(properties: hashcap.v1.RejectCount.$Shape): hashcap.v1.RejectCount & hashcap.v1.RejectCount.$Shape;
            static create(properties?: hashcap.v1.RejectCount.$Properties): hashcap.v1.RejectCount;
            static encode(m: hashcap.v1.RejectCount.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.RejectCount & hashcap.v1.RejectCount.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.RejectCount;
            static toObject(m: hashcap.v1.RejectCount, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace RejectCount {
            interface $Properties {
                reason?: (number|null);
                name?: (string|null);
                count?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.RejectCount.$Properties;
        }

        interface IHeartbeat extends hashcap.v1.Heartbeat.$Properties {
        }

        class Heartbeat {
            constructor(p?: hashcap.v1.Heartbeat.$Properties);
            $unknowns?: Uint8Array[];
            channel: string;
            conflateMs: number;
            epoch: number;
            seq: number;
            serverTimeMs: number;
            freshness: hashcap.v1.Freshness.$Properties[];
            static create(properties: hashcap.v1.Heartbeat.$Shape): hashcap.v1.Heartbeat & hashcap.v1.Heartbeat.$Shape;
            static create(properties?: hashcap.v1.Heartbeat.$Properties): hashcap.v1.Heartbeat;
            static encode(m: hashcap.v1.Heartbeat.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Heartbeat & hashcap.v1.Heartbeat.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Heartbeat;
            static toObject(m: hashcap.v1.Heartbeat, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Heartbeat {
            interface $Properties {
                channel?: (string|null);
                conflateMs?: (number|null);
                epoch?: (number|null);
                seq?: (number|null);
                serverTimeMs?: (number|null);
                freshness?: (hashcap.v1.Freshness.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Heartbeat.$Properties;
        }

        interface IFreshness extends hashcap.v1.Freshness.$Properties {
        }

        class Freshness {
            constructor(p?: hashcap.v1.Freshness.$Properties);
            $unknowns?: Uint8Array[];
            symbol: string;
            ageMs: number;
            static create(properties: hashcap.v1.Freshness.$Shape): hashcap.v1.Freshness & hashcap.v1.Freshness.$Shape;
            static create(properties?: hashcap.v1.Freshness.$Properties): hashcap.v1.Freshness;
            static encode(m: hashcap.v1.Freshness.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Freshness & hashcap.v1.Freshness.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Freshness;
            static toObject(m: hashcap.v1.Freshness, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Freshness {
            interface $Properties {
                symbol?: (string|null);
                ageMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Freshness.$Properties;
        }

        interface ISubscriptionList extends hashcap.v1.SubscriptionList.$Properties {
        }

        class SubscriptionList {
            constructor(p?: hashcap.v1.SubscriptionList.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            subscriptions: hashcap.v1.SubscriptionInfo.$Properties[];
            static create(properties: hashcap.v1.SubscriptionList.$Shape): hashcap.v1.SubscriptionList & hashcap.v1.SubscriptionList.$Shape;
            static create(properties?: hashcap.v1.SubscriptionList.$Properties): hashcap.v1.SubscriptionList;
            static encode(m: hashcap.v1.SubscriptionList.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.SubscriptionList & hashcap.v1.SubscriptionList.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.SubscriptionList;
            static toObject(m: hashcap.v1.SubscriptionList, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SubscriptionList {
            interface $Properties {
                requestId?: (number|null);
                subscriptions?: (hashcap.v1.SubscriptionInfo.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.SubscriptionList.$Properties;
        }

        interface ISubscriptionInfo extends hashcap.v1.SubscriptionInfo.$Properties {
        }

        class SubscriptionInfo {
            constructor(p?: hashcap.v1.SubscriptionInfo.$Properties);
            $unknowns?: Uint8Array[];
            channel: string;
            conflateMs: number;
            seq: number;
            static create(properties: hashcap.v1.SubscriptionInfo.$Shape): hashcap.v1.SubscriptionInfo & hashcap.v1.SubscriptionInfo.$Shape;
            static create(properties?: hashcap.v1.SubscriptionInfo.$Properties): hashcap.v1.SubscriptionInfo;
            static encode(m: hashcap.v1.SubscriptionInfo.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.SubscriptionInfo & hashcap.v1.SubscriptionInfo.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.SubscriptionInfo;
            static toObject(m: hashcap.v1.SubscriptionInfo, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace SubscriptionInfo {
            interface $Properties {
                channel?: (string|null);
                conflateMs?: (number|null);
                seq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.SubscriptionInfo.$Properties;
        }

        interface IPong extends hashcap.v1.Pong.$Properties {
        }

        class Pong {
            constructor(p?: hashcap.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            requestId: number;
            clientTimeMs: number;
            serverTimeMs: number;
            static create(properties: hashcap.v1.Pong.$Shape): hashcap.v1.Pong & hashcap.v1.Pong.$Shape;
            static create(properties?: hashcap.v1.Pong.$Properties): hashcap.v1.Pong;
            static encode(m: hashcap.v1.Pong.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Pong & hashcap.v1.Pong.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Pong;
            static toObject(m: hashcap.v1.Pong, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Pong {
            interface $Properties {
                requestId?: (number|null);
                clientTimeMs?: (number|null);
                serverTimeMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Pong.$Properties;
        }

        interface INotice extends hashcap.v1.Notice.$Properties {
        }

        class Notice {
            constructor(p?: hashcap.v1.Notice.$Properties);
            $unknowns?: Uint8Array[];
            kind: string;
            message: string;
            deadlineMs: number;
            code: number;
            resumeToken: string;
            conflateMs: number;
            static create(properties: hashcap.v1.Notice.$Shape): hashcap.v1.Notice & hashcap.v1.Notice.$Shape;
            static create(properties?: hashcap.v1.Notice.$Properties): hashcap.v1.Notice;
            static encode(m: hashcap.v1.Notice.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Notice & hashcap.v1.Notice.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Notice;
            static toObject(m: hashcap.v1.Notice, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Notice {
            interface $Properties {
                kind?: (string|null);
                message?: (string|null);
                deadlineMs?: (number|null);
                code?: (number|null);
                resumeToken?: (string|null);
                conflateMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Notice.$Properties;
        }

        interface IPublisherMessage extends hashcap.v1.PublisherMessage.$Properties {
        }

        class PublisherMessage {
            constructor(p?: hashcap.v1.PublisherMessage.$Properties);
            $unknowns?: Uint8Array[];
            batch?: (hashcap.v1.IngestBatch.$Properties|null);
            msg?: "batch";
            static create(properties: hashcap.v1.PublisherMessage.$Shape): hashcap.v1.PublisherMessage & hashcap.v1.PublisherMessage.$Shape;
            static create(properties?: hashcap.v1.PublisherMessage.$Properties): hashcap.v1.PublisherMessage;
            static encode(m: hashcap.v1.PublisherMessage.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.PublisherMessage & hashcap.v1.PublisherMessage.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.PublisherMessage;
            static toObject(m: hashcap.v1.PublisherMessage, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace PublisherMessage {
            interface $Properties {
                batch?: (hashcap.v1.IngestBatch.$Properties|null);
                msg?: "batch";
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              batch?: hashcap.v1.IngestBatch.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ msg?: undefined; batch?: null }|{ msg?: "batch"; batch: hashcap.v1.IngestBatch.$Shape })
            );
        }

        interface IIngestBatch extends hashcap.v1.IngestBatch.$Properties {
        }

        class IngestBatch {
            constructor(p?: hashcap.v1.IngestBatch.$Properties);
            $unknowns?: Uint8Array[];
            batchId: number;
            ticks: hashcap.v1.Tick.$Properties[];
            static create(properties: hashcap.v1.IngestBatch.$Shape): hashcap.v1.IngestBatch & hashcap.v1.IngestBatch.$Shape;
            static create(properties?: hashcap.v1.IngestBatch.$Properties): hashcap.v1.IngestBatch;
            static encode(m: hashcap.v1.IngestBatch.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.IngestBatch & hashcap.v1.IngestBatch.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.IngestBatch;
            static toObject(m: hashcap.v1.IngestBatch, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace IngestBatch {
            interface $Properties {
                batchId?: (number|null);
                ticks?: (hashcap.v1.Tick.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.IngestBatch.$Properties;
        }

        enum TickKind {
            TICK_TRADE = 0,
            TICK_QUOTE = 1,
            TICK_HALT = 2,
            TICK_RESUME = 3,
            TICK_CANCEL = 4,
            TICK_CORRECTION = 5
        }

        interface ITick extends hashcap.v1.Tick.$Properties {
        }

        class Tick {
            constructor(p?: hashcap.v1.Tick.$Properties);
            $unknowns?: Uint8Array[];
            symbol: string;
            kind: hashcap.v1.TickKind;
            price: number;
            size: number;
            bid: number;
            ask: number;
            bidSize: number;
            askSize: number;
            timeMs: number;
            seq: number;
            conditions: string[];
            originalSeq: number;
            static create(properties: hashcap.v1.Tick.$Shape): hashcap.v1.Tick & hashcap.v1.Tick.$Shape;
            static create(properties?: hashcap.v1.Tick.$Properties): hashcap.v1.Tick;
            static encode(m: hashcap.v1.Tick.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Tick & hashcap.v1.Tick.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Tick;
            static toObject(m: hashcap.v1.Tick, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Tick {
            interface $Properties {
                symbol?: (string|null);
                kind?: (hashcap.v1.TickKind|null);
                price?: (number|null);
                size?: (number|null);
                bid?: (number|null);
                ask?: (number|null);
                bidSize?: (number|null);
                askSize?: (number|null);
                timeMs?: (number|null);
                seq?: (number|null);
                conditions?: (string[]|null);
                originalSeq?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Tick.$Properties;
        }

        interface IIngestReply extends hashcap.v1.IngestReply.$Properties {
        }

        class IngestReply {
            constructor(p?: hashcap.v1.IngestReply.$Properties);
            $unknowns?: Uint8Array[];
            batchId: number;
            accepted: number;
            rejected: hashcap.v1.Rejection.$Properties[];
            error?: (hashcap.v1.Error.$Properties|null);
            logged: boolean;
            static create(properties: hashcap.v1.IngestReply.$Shape): hashcap.v1.IngestReply & hashcap.v1.IngestReply.$Shape;
            static create(properties?: hashcap.v1.IngestReply.$Properties): hashcap.v1.IngestReply;
            static encode(m: hashcap.v1.IngestReply.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.IngestReply & hashcap.v1.IngestReply.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.IngestReply;
            static toObject(m: hashcap.v1.IngestReply, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace IngestReply {
            interface $Properties {
                batchId?: (number|null);
                accepted?: (number|null);
                rejected?: (hashcap.v1.Rejection.$Properties[]|null);
                error?: (hashcap.v1.Error.$Properties|null);
                logged?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.IngestReply.$Properties;
        }

        interface IRejection extends hashcap.v1.Rejection.$Properties {
        }

        class Rejection {
            constructor(p?: hashcap.v1.Rejection.$Properties);
            $unknowns?: Uint8Array[];
            index: number;
            reason: number;
            reasonName: string;
            symbol: string;
            detail: string;
            static create(properties: hashcap.v1.Rejection.$Shape): hashcap.v1.Rejection & hashcap.v1.Rejection.$Shape;
            static create(properties?: hashcap.v1.Rejection.$Properties): hashcap.v1.Rejection;
            static encode(m: hashcap.v1.Rejection.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
            static decode(r: ($protobuf.Reader|Uint8Array), l?: number): hashcap.v1.Rejection & hashcap.v1.Rejection.$Shape;
            static fromObject(d: { [k: string]: any }): hashcap.v1.Rejection;
            static toObject(m: hashcap.v1.Rejection, o?: $protobuf.IConversionOptions): { [k: string]: any };
            toJSON(): { [k: string]: any };
            static getTypeUrl(prefix?: string): string;
        }

        namespace Rejection {
            interface $Properties {
                index?: (number|null);
                reason?: (number|null);
                reasonName?: (string|null);
                symbol?: (string|null);
                detail?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = hashcap.v1.Rejection.$Properties;
        }
    }
}
