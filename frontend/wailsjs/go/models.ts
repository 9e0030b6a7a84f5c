export namespace backend {
	
	export class AuditEntry {
	    id: number;
	    at: string;
	    actor: string;
	    action: string;
	    actionLabel: string;
	    subAccountId: number;
	    subAccountName: string;
	    summary: string;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.actor = source["actor"];
	        this.action = source["action"];
	        this.actionLabel = source["actionLabel"];
	        this.subAccountId = source["subAccountId"];
	        this.subAccountName = source["subAccountName"];
	        this.summary = source["summary"];
	    }
	}
	export class AuditPage {
	    items: AuditEntry[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], AuditEntry);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AuditQuery {
	    subAccountId: number;
	    search: string;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new AuditQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subAccountId = source["subAccountId"];
	        this.search = source["search"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	export class Call {
	    id: number;
	    provider: string;
	    providerName: string;
	    providerCallId: string;
	    direction: string;
	    status: string;
	    from: string;
	    to: string;
	    startedAt: string;
	    endedAt: string;
	    durationSec: number;
	    costMinor: number;
	    currency: string;
	    cost: string;
	
	    static createFrom(source: any = {}) {
	        return new Call(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.provider = source["provider"];
	        this.providerName = source["providerName"];
	        this.providerCallId = source["providerCallId"];
	        this.direction = source["direction"];
	        this.status = source["status"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.startedAt = source["startedAt"];
	        this.endedAt = source["endedAt"];
	        this.durationSec = source["durationSec"];
	        this.costMinor = source["costMinor"];
	        this.currency = source["currency"];
	        this.cost = source["cost"];
	    }
	}
	export class Money {
	    currency: string;
	    amountMinor: number;
	    amount: string;
	
	    static createFrom(source: any = {}) {
	        return new Money(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.currency = source["currency"];
	        this.amountMinor = source["amountMinor"];
	        this.amount = source["amount"];
	    }
	}
	export class CallTotals {
	    count: number;
	    minutes: number;
	    costs: Money[];
	
	    static createFrom(source: any = {}) {
	        return new CallTotals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.minutes = source["minutes"];
	        this.costs = this.convertValues(source["costs"], Money);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CallPage {
	    items: Call[];
	    total: number;
	    totals: CallTotals;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new CallPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Call);
	        this.total = source["total"];
	        this.totals = this.convertValues(source["totals"], CallTotals);
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CallQuery {
	    subAccountId: number;
	    direction: string;
	    status: string;
	    from: string;
	    to: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new CallQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subAccountId = source["subAccountId"];
	        this.direction = source["direction"];
	        this.status = source["status"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	export class ConcurrencyInput {
	    limit?: number;
	    outbound: number;
	    poolName: string;
	
	    static createFrom(source: any = {}) {
	        return new ConcurrencyInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.limit = source["limit"];
	        this.outbound = source["outbound"];
	        this.poolName = source["poolName"];
	    }
	}
	export class PeakPoint {
	    day: string;
	    peak: number;
	
	    static createFrom(source: any = {}) {
	        return new PeakPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.day = source["day"];
	        this.peak = source["peak"];
	    }
	}
	export class PoolMember {
	    id: number;
	    name: string;
	    outbound: number;
	
	    static createFrom(source: any = {}) {
	        return new PoolMember(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.outbound = source["outbound"];
	    }
	}
	export class PoolView {
	    members: PoolMember[];
	    poolLimit?: number;
	    allocated: number;
	    available: number;
	    overBy: number;
	
	    static createFrom(source: any = {}) {
	        return new PoolView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.members = this.convertValues(source["members"], PoolMember);
	        this.poolLimit = source["poolLimit"];
	        this.allocated = source["allocated"];
	        this.available = source["available"];
	        this.overBy = source["overBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ConcurrencyView {
	    subAccountId: number;
	    provider: string;
	    providerName: string;
	    limit?: number;
	    limitSource: string;
	    limitFromApi: boolean;
	    outbound: number;
	    inboundReserved: number;
	    providerInboundReserved: number;
	    poolName: string;
	    pool: PoolView;
	    peak7d: number;
	    peak30d: number;
	    peakSeries: PeakPoint[];
	    updatedAt: string;
	    notice?: string;
	
	    static createFrom(source: any = {}) {
	        return new ConcurrencyView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subAccountId = source["subAccountId"];
	        this.provider = source["provider"];
	        this.providerName = source["providerName"];
	        this.limit = source["limit"];
	        this.limitSource = source["limitSource"];
	        this.limitFromApi = source["limitFromApi"];
	        this.outbound = source["outbound"];
	        this.inboundReserved = source["inboundReserved"];
	        this.providerInboundReserved = source["providerInboundReserved"];
	        this.poolName = source["poolName"];
	        this.pool = this.convertValues(source["pool"], PoolView);
	        this.peak7d = source["peak7d"];
	        this.peak30d = source["peak30d"];
	        this.peakSeries = this.convertValues(source["peakSeries"], PeakPoint);
	        this.updatedAt = source["updatedAt"];
	        this.notice = source["notice"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Connection {
	    subAccountId: number;
	    provider: string;
	    providerName: string;
	    fields: {[key: string]: string};
	    secretHint: string;
	    state: string;
	    stateReason: string;
	    checkedAt: string;
	    autoSync: boolean;
	    syncPaused: boolean;
	    syncing: boolean;
	    lastSyncAt: string;
	    lastError: string;
	    callCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Connection(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.subAccountId = source["subAccountId"];
	        this.provider = source["provider"];
	        this.providerName = source["providerName"];
	        this.fields = source["fields"];
	        this.secretHint = source["secretHint"];
	        this.state = source["state"];
	        this.stateReason = source["stateReason"];
	        this.checkedAt = source["checkedAt"];
	        this.autoSync = source["autoSync"];
	        this.syncPaused = source["syncPaused"];
	        this.syncing = source["syncing"];
	        this.lastSyncAt = source["lastSyncAt"];
	        this.lastError = source["lastError"];
	        this.callCount = source["callCount"];
	    }
	}
	export class CreateSubAccountInput {
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new CreateSubAccountInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	    }
	}
	export class ExportResult {
	    path: string;
	    rows: number;
	    cancelled: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ExportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.rows = source["rows"];
	        this.cancelled = source["cancelled"];
	    }
	}
	export class SubAccount {
	    id: number;
	    name: string;
	    status: string;
	    provider: string;
	    providerName: string;
	    lastLoginAt: string;
	    lastCallAt: string;
	    createdAt: string;
	
	    static createFrom(source: any = {}) {
	        return new SubAccount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.status = source["status"];
	        this.provider = source["provider"];
	        this.providerName = source["providerName"];
	        this.lastLoginAt = source["lastLoginAt"];
	        this.lastCallAt = source["lastCallAt"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class ListPage {
	    items: SubAccount[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], SubAccount);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ListQuery {
	    search: string;
	    status: string;
	    provider: string;
	    sort: string;
	    desc: boolean;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ListQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.search = source["search"];
	        this.status = source["status"];
	        this.provider = source["provider"];
	        this.sort = source["sort"];
	        this.desc = source["desc"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	}
	
	
	
	
	export class Provider {
	    id: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Provider(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	    }
	}
	export class ProviderField {
	    key: string;
	    label: string;
	    secret: boolean;
	    placeholder: string;
	    help: string;
	
	    static createFrom(source: any = {}) {
	        return new ProviderField(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.secret = source["secret"];
	        this.placeholder = source["placeholder"];
	        this.help = source["help"];
	    }
	}
	export class ProviderInfo {
	    id: string;
	    name: string;
	    portalUrl: string;
	    concurrencyFromApi: boolean;
	    fields: ProviderField[];
	
	    static createFrom(source: any = {}) {
	        return new ProviderInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.portalUrl = source["portalUrl"];
	        this.concurrencyFromApi = source["concurrencyFromApi"];
	        this.fields = this.convertValues(source["fields"], ProviderField);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SaveCredentialsInput {
	    provider: string;
	    fields: {[key: string]: string};
	
	    static createFrom(source: any = {}) {
	        return new SaveCredentialsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.provider = source["provider"];
	        this.fields = source["fields"];
	    }
	}
	
	export class SyncSettings {
	    intervalMinutes: number;
	
	    static createFrom(source: any = {}) {
	        return new SyncSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.intervalMinutes = source["intervalMinutes"];
	    }
	}

}

