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

