#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 486:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1708);
/* harmony import */ var node_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(445);
// The `cairn` executable: one line that runs the command line and exits with its status.


(node_process__WEBPACK_IMPORTED_MODULE_0___default().exitCode) = await (0,_main_js__WEBPACK_IMPORTED_MODULE_1__/* .main */ .i)(node_process__WEBPACK_IMPORTED_MODULE_0___default().argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 445:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

;// CONCATENATED MODULE: ./src/format/errors.ts
// User errors as values: every error a user can cause carries where it came from, a one-line
// message and, when there is one, a hint. Front ends decide how to print them.
function formatProvenance(p) {
    return `${p.file}:${p.line}:${p.column}`;
}
/** An error the user can fix by editing a file or a command line. */
class CairnError extends Error {
    reason;
    provenance;
    hint;
    constructor(reason, message, provenance, hint) {
        super(message);
        this.reason = reason;
        this.provenance = provenance;
        this.hint = hint;
        this.name = 'CairnError';
    }
    /** One line: `file:line:column: message (hint)`. */
    describe() {
        const where = this.provenance ? `${formatProvenance(this.provenance)}: ` : '';
        const hint = this.hint ? ` (${this.hint})` : '';
        return `${where}${this.message}${hint}`;
    }
}

;// CONCATENATED MODULE: ./src/cli/args.ts
// Command-line parsing for BuildStream's option shapes: global options before the verb,
// `-o NAME VALUE` taking two values, and repeatable options. Errors are usage errors (exit 2).
class UsageError extends Error {
}
/** Parses `argv` against `specs`; stops at the first positional when `stopAtPositional` (for the verb). */
function parseArgs(argv, specs, stopAtPositional = false) {
    const flags = new Map();
    const positionals = [];
    let i = 0;
    for (; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            positionals.push(...argv.slice(i + 1));
            i = argv.length;
            break;
        }
        if (!arg.startsWith('-') || arg === '-') {
            if (stopAtPositional)
                break;
            positionals.push(arg);
            continue;
        }
        let name = arg;
        let inline;
        const eq = arg.indexOf('=');
        if (arg.startsWith('--') && eq > 0) {
            name = arg.slice(0, eq);
            inline = arg.slice(eq + 1);
        }
        const spec = specs.find((s) => `--${s.name}` === name || (s.short && `-${s.short}` === name));
        if (!spec)
            throw new UsageError(`unknown option '${name}'`);
        const values = [];
        if (inline !== undefined)
            values.push(inline);
        while (values.length < spec.values) {
            const next = argv[++i];
            if (next === undefined)
                throw new UsageError(`option '${name}' needs ${spec.values} value${spec.values > 1 ? 's' : ''}`);
            values.push(next);
        }
        if (spec.choices && !spec.choices.includes(values[0])) {
            throw new UsageError(`option '${name}' takes one of ${spec.choices.join(', ')}, not '${values[0]}'`);
        }
        const list = flags.get(spec.name) ?? [];
        if (!spec.repeat)
            list.length = 0;
        list.push(values);
        flags.set(spec.name, list);
    }
    return { flags, positionals, rest: argv.slice(i) };
}
function one(parsed, name) {
    return parsed.flags.get(name)?.at(-1)?.[0];
}
function has(parsed, name) {
    return parsed.flags.has(name);
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "events"
const external_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");
;// CONCATENATED MODULE: external "fs"
const external_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");
;// CONCATENATED MODULE: external "node:events"
const external_node_events_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:string_decoder"
const external_node_string_decoder_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
;// CONCATENATED MODULE: external "assert"
const external_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");
// EXTERNAL MODULE: external "buffer"
var external_buffer_ = __nccwpck_require__(181);
;// CONCATENATED MODULE: external "zlib"
const external_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");
var external_zlib_namespaceObject_0 = /*#__PURE__*/__nccwpck_require__.t(external_zlib_namespaceObject, 2);
;// CONCATENATED MODULE: external "node:assert"
const external_node_assert_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
var external_node_crypto_default = /*#__PURE__*/__nccwpck_require__.n(external_node_crypto_namespaceObject);
;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: ./node_modules/tar/dist/esm/index.min.js
var zr=Object.defineProperty;var Ur=(s,t)=>{for(var e in t)zr(s,e,{get:t[e],enumerable:!0})};var Ds=typeof process=="object"&&process?process:{stdout:null,stderr:null},Wr=s=>!!s&&typeof s=="object"&&(s instanceof A||s instanceof external_node_stream_namespaceObject||Gr(s)||Zr(s)),Gr=s=>!!s&&typeof s=="object"&&s instanceof external_node_events_namespaceObject.EventEmitter&&typeof s.pipe=="function"&&s.pipe!==external_node_stream_namespaceObject.Writable.prototype.pipe,Zr=s=>!!s&&typeof s=="object"&&s instanceof external_node_events_namespaceObject.EventEmitter&&typeof s.write=="function"&&typeof s.end=="function",Q=Symbol("EOF"),J=Symbol("maybeEmitEnd"),nt=Symbol("emittedEnd"),De=Symbol("emittingEnd"),qt=Symbol("emittedError"),Ne=Symbol("closed"),Ns=Symbol("read"),Ae=Symbol("flush"),As=Symbol("flushChunk"),z=Symbol("encoding"),Mt=Symbol("decoder"),g=Symbol("flowing"),Qt=Symbol("paused"),Bt=Symbol("resume"),b=Symbol("buffer"),N=Symbol("pipes"),_=Symbol("bufferLength"),bi=Symbol("bufferPush"),Ie=Symbol("bufferShift"),L=Symbol("objectMode"),S=Symbol("destroyed"),_i=Symbol("error"),Oi=Symbol("emitData"),Is=Symbol("emitEnd"),Ti=Symbol("emitEnd2"),Z=Symbol("async"),xi=Symbol("abort"),Ce=Symbol("aborted"),Jt=Symbol("signal"),Rt=Symbol("dataListeners"),C=Symbol("discarded"),jt=s=>Promise.resolve().then(s),Yr=s=>s(),Kr=s=>s==="end"||s==="finish"||s==="prefinish",Vr=s=>s instanceof ArrayBuffer||!!s&&typeof s=="object"&&s.constructor&&s.constructor.name==="ArrayBuffer"&&s.byteLength>=0,$r=s=>!Buffer.isBuffer(s)&&ArrayBuffer.isView(s),Fe=class{src;dest;opts;ondrain;constructor(t,e,i){this.src=t,this.dest=e,this.opts=i,this.ondrain=()=>t[Bt](),this.dest.on("drain",this.ondrain)}unpipe(){this.dest.removeListener("drain",this.ondrain)}proxyErrors(t){}end(){this.unpipe(),this.opts.end&&this.dest.end()}},Li=class extends Fe{unpipe(){this.src.removeListener("error",this.proxyErrors),super.unpipe()}constructor(t,e,i){super(t,e,i),this.proxyErrors=r=>this.dest.emit("error",r),t.on("error",this.proxyErrors)}},Xr=s=>!!s.objectMode,qr=s=>!s.objectMode&&!!s.encoding&&s.encoding!=="buffer",A=class extends external_node_events_namespaceObject.EventEmitter{[g]=!1;[Qt]=!1;[N]=[];[b]=[];[L];[z];[Z];[Mt];[Q]=!1;[nt]=!1;[De]=!1;[Ne]=!1;[qt]=null;[_]=0;[S]=!1;[Jt];[Ce]=!1;[Rt]=0;[C]=!1;writable=!0;readable=!0;constructor(...t){let e=t[0]||{};if(super(),e.objectMode&&typeof e.encoding=="string")throw new TypeError("Encoding and objectMode may not be used together");Xr(e)?(this[L]=!0,this[z]=null):qr(e)?(this[z]=e.encoding,this[L]=!1):(this[L]=!1,this[z]=null),this[Z]=!!e.async,this[Mt]=this[z]?new external_node_string_decoder_namespaceObject.StringDecoder(this[z]):null,e&&e.debugExposeBuffer===!0&&Object.defineProperty(this,"buffer",{get:()=>this[b]}),e&&e.debugExposePipes===!0&&Object.defineProperty(this,"pipes",{get:()=>this[N]});let{signal:i}=e;i&&(this[Jt]=i,i.aborted?this[xi]():i.addEventListener("abort",()=>this[xi]()))}get bufferLength(){return this[_]}get encoding(){return this[z]}set encoding(t){throw new Error("Encoding must be set at instantiation time")}setEncoding(t){throw new Error("Encoding must be set at instantiation time")}get objectMode(){return this[L]}set objectMode(t){throw new Error("objectMode must be set at instantiation time")}get async(){return this[Z]}set async(t){this[Z]=this[Z]||!!t}[xi](){this[Ce]=!0,this.emit("abort",this[Jt]?.reason),this.destroy(this[Jt]?.reason)}get aborted(){return this[Ce]}set aborted(t){}write(t,e,i){if(this[Ce])return!1;if(this[Q])throw new Error("write after end");if(this[S])return this.emit("error",Object.assign(new Error("Cannot call write after a stream was destroyed"),{code:"ERR_STREAM_DESTROYED"})),!0;typeof e=="function"&&(i=e,e="utf8"),e||(e="utf8");let r=this[Z]?jt:Yr;if(!this[L]&&!Buffer.isBuffer(t)){if($r(t))t=Buffer.from(t.buffer,t.byteOffset,t.byteLength);else if(Vr(t))t=Buffer.from(t);else if(typeof t!="string")throw new Error("Non-contiguous data written to non-objectMode stream")}return this[L]?(this[g]&&this[_]!==0&&this[Ae](!0),this[g]?this.emit("data",t):this[bi](t),this[_]!==0&&this.emit("readable"),i&&r(i),this[g]):t.length?(typeof t=="string"&&!(e===this[z]&&!this[Mt]?.lastNeed)&&(t=Buffer.from(t,e)),Buffer.isBuffer(t)&&this[z]&&(t=this[Mt].write(t)),this[g]&&this[_]!==0&&this[Ae](!0),this[g]?this.emit("data",t):this[bi](t),this[_]!==0&&this.emit("readable"),i&&r(i),this[g]):(this[_]!==0&&this.emit("readable"),i&&r(i),this[g])}read(t){if(this[S])return null;if(this[C]=!1,this[_]===0||t===0||t&&t>this[_])return this[J](),null;this[L]&&(t=null),this[b].length>1&&!this[L]&&(this[b]=[this[z]?this[b].join(""):Buffer.concat(this[b],this[_])]);let e=this[Ns](t||null,this[b][0]);return this[J](),e}[Ns](t,e){if(this[L])this[Ie]();else{let i=e;t===i.length||t===null?this[Ie]():typeof i=="string"?(this[b][0]=i.slice(t),e=i.slice(0,t),this[_]-=t):(this[b][0]=i.subarray(t),e=i.subarray(0,t),this[_]-=t)}return this.emit("data",e),!this[b].length&&!this[Q]&&this.emit("drain"),e}end(t,e,i){return typeof t=="function"&&(i=t,t=void 0),typeof e=="function"&&(i=e,e="utf8"),t!==void 0&&this.write(t,e),i&&this.once("end",i),this[Q]=!0,this.writable=!1,(this[g]||!this[Qt])&&this[J](),this}[Bt](){this[S]||(!this[Rt]&&!this[N].length&&(this[C]=!0),this[Qt]=!1,this[g]=!0,this.emit("resume"),this[b].length?this[Ae]():this[Q]?this[J]():this.emit("drain"))}resume(){return this[Bt]()}pause(){this[g]=!1,this[Qt]=!0,this[C]=!1}get destroyed(){return this[S]}get flowing(){return this[g]}get paused(){return this[Qt]}[bi](t){this[L]?this[_]+=1:this[_]+=t.length,this[b].push(t)}[Ie](){return this[L]?this[_]-=1:this[_]-=this[b][0].length,this[b].shift()}[Ae](t=!1){do;while(this[As](this[Ie]())&&this[b].length);!t&&!this[b].length&&!this[Q]&&this.emit("drain")}[As](t){return this.emit("data",t),this[g]}pipe(t,e){if(this[S])return t;this[C]=!1;let i=this[nt];return e=e||{},t===Ds.stdout||t===Ds.stderr?e.end=!1:e.end=e.end!==!1,e.proxyErrors=!!e.proxyErrors,i?e.end&&t.end():(this[N].push(e.proxyErrors?new Li(this,t,e):new Fe(this,t,e)),this[Z]?jt(()=>this[Bt]()):this[Bt]()),t}unpipe(t){let e=this[N].find(i=>i.dest===t);e&&(this[N].length===1?(this[g]&&this[Rt]===0&&(this[g]=!1),this[N]=[]):this[N].splice(this[N].indexOf(e),1),e.unpipe())}addListener(t,e){return this.on(t,e)}on(t,e){let i=super.on(t,e);if(t==="data")this[C]=!1,this[Rt]++,!this[N].length&&!this[g]&&this[Bt]();else if(t==="readable"&&this[_]!==0)super.emit("readable");else if(Kr(t)&&this[nt])super.emit(t),this.removeAllListeners(t);else if(t==="error"&&this[qt]){let r=e;this[Z]?jt(()=>r.call(this,this[qt])):r.call(this,this[qt])}return i}removeListener(t,e){return this.off(t,e)}off(t,e){let i=super.off(t,e);return t==="data"&&(this[Rt]=this.listeners("data").length,this[Rt]===0&&!this[C]&&!this[N].length&&(this[g]=!1)),i}removeAllListeners(t){let e=super.removeAllListeners(t);return(t==="data"||t===void 0)&&(this[Rt]=0,!this[C]&&!this[N].length&&(this[g]=!1)),e}get emittedEnd(){return this[nt]}[J](){!this[De]&&!this[nt]&&!this[S]&&this[b].length===0&&this[Q]&&(this[De]=!0,this.emit("end"),this.emit("prefinish"),this.emit("finish"),this[Ne]&&this.emit("close"),this[De]=!1)}emit(t,...e){let i=e[0];if(t!=="error"&&t!=="close"&&t!==S&&this[S])return!1;if(t==="data")return!this[L]&&!i?!1:this[Z]?(jt(()=>this[Oi](i)),!0):this[Oi](i);if(t==="end")return this[Is]();if(t==="close"){if(this[Ne]=!0,!this[nt]&&!this[S])return!1;let n=super.emit("close");return this.removeAllListeners("close"),n}else if(t==="error"){this[qt]=i,super.emit(_i,i);let n=!this[Jt]||this.listeners("error").length?super.emit("error",i):!1;return this[J](),n}else if(t==="resume"){let n=super.emit("resume");return this[J](),n}else if(t==="finish"||t==="prefinish"){let n=super.emit(t);return this.removeAllListeners(t),n}let r=super.emit(t,...e);return this[J](),r}[Oi](t){for(let i of this[N])i.dest.write(t)===!1&&this.pause();let e=this[C]?!1:super.emit("data",t);return this[J](),e}[Is](){return this[nt]?!1:(this[nt]=!0,this.readable=!1,this[Z]?(jt(()=>this[Ti]()),!0):this[Ti]())}[Ti](){if(this[Mt]){let e=this[Mt].end();if(e){for(let i of this[N])i.dest.write(e);this[C]||super.emit("data",e)}}for(let e of this[N])e.end();let t=super.emit("end");return this.removeAllListeners("end"),t}async collect(){let t=Object.assign([],{dataLength:0});this[L]||(t.dataLength=0);let e=this.promise();return this.on("data",i=>{t.push(i),this[L]||(t.dataLength+=i.length)}),await e,t}async concat(){if(this[L])throw new Error("cannot concat in objectMode");let t=await this.collect();return this[z]?t.join(""):Buffer.concat(t,t.dataLength)}async promise(){return new Promise((t,e)=>{this.on(S,()=>e(new Error("stream destroyed"))),this.on("error",i=>e(i)),this.on("end",()=>t())})}[Symbol.asyncIterator](){this[C]=!1;let t=!1,e=async()=>(this.pause(),t=!0,{value:void 0,done:!0});return{next:()=>{if(t)return e();let r=this.read();if(r!==null)return Promise.resolve({done:!1,value:r});if(this[Q])return e();let n,o,h=d=>{this.off("data",a),this.off("end",l),this.off(S,c),e(),o(d)},a=d=>{this.off("error",h),this.off("end",l),this.off(S,c),this.pause(),n({value:d,done:!!this[Q]})},l=()=>{this.off("error",h),this.off("data",a),this.off(S,c),e(),n({done:!0,value:void 0})},c=()=>h(new Error("stream destroyed"));return new Promise((d,y)=>{o=y,n=d,this.once(S,c),this.once("error",h),this.once("end",l),this.once("data",a)})},throw:e,return:e,[Symbol.asyncIterator](){return this},[Symbol.asyncDispose]:async()=>{}}}[Symbol.iterator](){this[C]=!1;let t=!1,e=()=>(this.pause(),this.off(_i,e),this.off(S,e),this.off("end",e),t=!0,{done:!0,value:void 0}),i=()=>{if(t)return e();let r=this.read();return r===null?e():{done:!1,value:r}};return this.once("end",e),this.once(_i,e),this.once(S,e),{next:i,throw:e,return:e,[Symbol.iterator](){return this},[Symbol.dispose]:()=>{}}}destroy(t){if(this[S])return t?this.emit("error",t):this.emit(S),this;this[S]=!0,this[C]=!0,this[b].length=0,this[_]=0;let e=this;return typeof e.close=="function"&&!this[Ne]&&e.close(),t?this.emit("error",t):this.emit(S),this}static get isStream(){return Wr}};var Jr=external_fs_namespaceObject.writev,ht=Symbol("_autoClose"),H=Symbol("_close"),te=Symbol("_ended"),m=Symbol("_fd"),Ni=Symbol("_finished"),tt=Symbol("_flags"),Ai=Symbol("_flush"),ki=Symbol("_handleChunk"),vi=Symbol("_makeBuf"),ie=Symbol("_mode"),ke=Symbol("_needDrain"),Ut=Symbol("_onerror"),Ht=Symbol("_onopen"),Ii=Symbol("_onread"),Pt=Symbol("_onwrite"),at=Symbol("_open"),U=Symbol("_path"),ot=Symbol("_pos"),Y=Symbol("_queue"),zt=Symbol("_read"),Ci=Symbol("_readSize"),j=Symbol("_reading"),ee=Symbol("_remain"),Fi=Symbol("_size"),ve=Symbol("_write"),gt=Symbol("_writing"),Me=Symbol("_defaultFlag"),bt=Symbol("_errored"),_t=class extends A{[bt]=!1;[m];[U];[Ci];[j]=!1;[Fi];[ee];[ht];constructor(t,e){if(e=e||{},super(e),this.readable=!0,this.writable=!1,typeof t!="string")throw new TypeError("path must be a string");this[bt]=!1,this[m]=typeof e.fd=="number"?e.fd:void 0,this[U]=t,this[Ci]=e.readSize||16*1024*1024,this[j]=!1,this[Fi]=typeof e.size=="number"?e.size:1/0,this[ee]=this[Fi],this[ht]=typeof e.autoClose=="boolean"?e.autoClose:!0,typeof this[m]=="number"?this[zt]():this[at]()}get fd(){return this[m]}get path(){return this[U]}write(){throw new TypeError("this is a readable stream")}end(){throw new TypeError("this is a readable stream")}[at](){external_fs_namespaceObject.open(this[U],"r",(t,e)=>this[Ht](t,e))}[Ht](t,e){t?this[Ut](t):(this[m]=e,this.emit("open",e),this[zt]())}[vi](){return Buffer.allocUnsafe(Math.min(this[Ci],this[ee]))}[zt](){if(!this[j]){this[j]=!0;let t=this[vi]();if(t.length===0)return process.nextTick(()=>this[Ii](null,0,t));external_fs_namespaceObject.read(this[m],t,0,t.length,null,(e,i,r)=>this[Ii](e,i,r))}}[Ii](t,e,i){this[j]=!1,t?this[Ut](t):this[ki](e,i)&&this[zt]()}[H](){if(this[ht]&&typeof this[m]=="number"){let t=this[m];this[m]=void 0,external_fs_namespaceObject.close(t,e=>e?this.emit("error",e):this.emit("close"))}}[Ut](t){this[j]=!0,this[H](),this.emit("error",t)}[ki](t,e){let i=!1;return this[ee]-=t,t>0&&(i=super.write(t<e.length?e.subarray(0,t):e)),(t===0||this[ee]<=0)&&(i=!1,this[H](),super.end()),i}emit(t,...e){switch(t){case"prefinish":case"finish":return!1;case"drain":return typeof this[m]=="number"&&this[zt](),!1;case"error":return this[bt]?!1:(this[bt]=!0,super.emit(t,...e));default:return super.emit(t,...e)}}},Be=class extends _t{[at](){let t=!0;try{this[Ht](null,external_fs_namespaceObject.openSync(this[U],"r")),t=!1}finally{t&&this[H]()}}[zt](){let t=!0;try{if(!this[j]){this[j]=!0;do{let e=this[vi](),i=e.length===0?0:external_fs_namespaceObject.readSync(this[m],e,0,e.length,null);if(!this[ki](i,e))break}while(!0);this[j]=!1}t=!1}finally{t&&this[H]()}}[H](){if(this[ht]&&typeof this[m]=="number"){let t=this[m];this[m]=void 0,external_fs_namespaceObject.closeSync(t),this.emit("close")}}},et=class extends external_events_namespaceObject{readable=!1;writable=!0;[bt]=!1;[gt]=!1;[te]=!1;[Y]=[];[ke]=!1;[U];[ie];[ht];[m];[Me];[tt];[Ni]=!1;[ot];constructor(t,e){e=e||{},super(e),this[U]=t,this[m]=typeof e.fd=="number"?e.fd:void 0,this[ie]=e.mode===void 0?438:e.mode,this[ot]=typeof e.start=="number"?e.start:void 0,this[ht]=typeof e.autoClose=="boolean"?e.autoClose:!0;let i=this[ot]!==void 0?"r+":"w";this[Me]=e.flags===void 0,this[tt]=e.flags===void 0?i:e.flags,this[m]===void 0&&this[at]()}emit(t,...e){if(t==="error"){if(this[bt])return!1;this[bt]=!0}return super.emit(t,...e)}get fd(){return this[m]}get path(){return this[U]}[Ut](t){this[H](),this[gt]=!0,this.emit("error",t)}[at](){external_fs_namespaceObject.open(this[U],this[tt],this[ie],(t,e)=>this[Ht](t,e))}[Ht](t,e){this[Me]&&this[tt]==="r+"&&t&&t.code==="ENOENT"?(this[tt]="w",this[at]()):t?this[Ut](t):(this[m]=e,this.emit("open",e),this[gt]||this[Ai]())}end(t,e){return t&&this.write(t,e),this[te]=!0,!this[gt]&&!this[Y].length&&typeof this[m]=="number"&&this[Pt](null,0),this}write(t,e){return typeof t=="string"&&(t=Buffer.from(t,e)),this[te]?(this.emit("error",new Error("write() after end()")),!1):this[m]===void 0||this[gt]||this[Y].length?(this[Y].push(t),this[ke]=!0,!1):(this[gt]=!0,this[ve](t),!0)}[ve](t){external_fs_namespaceObject.write(this[m],t,0,t.length,this[ot],(e,i)=>this[Pt](e,i))}[Pt](t,e){t?this[Ut](t):(this[ot]!==void 0&&typeof e=="number"&&(this[ot]+=e),this[Y].length?this[Ai]():(this[gt]=!1,this[te]&&!this[Ni]?(this[Ni]=!0,this[H](),this.emit("finish")):this[ke]&&(this[ke]=!1,this.emit("drain"))))}[Ai](){if(this[Y].length===0)this[te]&&this[Pt](null,0);else if(this[Y].length===1)this[ve](this[Y].pop());else{let t=this[Y];this[Y]=[],Jr(this[m],t,this[ot],(e,i)=>this[Pt](e,i))}}[H](){if(this[ht]&&typeof this[m]=="number"){let t=this[m];this[m]=void 0,external_fs_namespaceObject.close(t,e=>e?this.emit("error",e):this.emit("close"))}}},Wt=class extends et{[at](){let t;if(this[Me]&&this[tt]==="r+")try{t=external_fs_namespaceObject.openSync(this[U],this[tt],this[ie])}catch(e){if(e?.code==="ENOENT")return this[tt]="w",this[at]();throw e}else t=external_fs_namespaceObject.openSync(this[U],this[tt],this[ie]);this[Ht](null,t)}[H](){if(this[ht]&&typeof this[m]=="number"){let t=this[m];this[m]=void 0,external_fs_namespaceObject.closeSync(t),this.emit("close")}}[ve](t){let e=!0;try{this[Pt](null,external_fs_namespaceObject.writeSync(this[m],t,0,t.length,this[ot])),e=!1}finally{if(e)try{this[H]()}catch{}}}};var jr=new Map([["C","cwd"],["f","file"],["z","gzip"],["P","preservePaths"],["U","unlink"],["strip-components","strip"],["stripComponents","strip"],["keep-newer","newer"],["keepNewer","newer"],["keep-newer-files","newer"],["keepNewerFiles","newer"],["k","keep"],["keep-existing","keep"],["keepExisting","keep"],["m","noMtime"],["no-mtime","noMtime"],["p","preserveOwner"],["L","follow"],["h","follow"],["onentry","onReadEntry"]]),Fs=s=>!!s.sync&&!!s.file,ks=s=>!s.sync&&!!s.file,vs=s=>!!s.sync&&!s.file,Ms=s=>!s.sync&&!s.file;var Bs=s=>!!s.file;var tn=s=>{let t=jr.get(s);return t||s},se=(s={})=>{if(!s)return{};let t={};for(let[e,i]of Object.entries(s)){let r=tn(e);t[r]=i}return t.chmod===void 0&&t.noChmod===!1&&(t.chmod=!0),delete t.noChmod,t};var K=(s,t,e,i,r)=>Object.assign((n=[],o,h)=>{Array.isArray(n)&&(o=n,n={}),typeof o=="function"&&(h=o,o=void 0),o=o?Array.from(o):[];let a=se(n);if(r?.(a,o),Fs(a)){if(typeof h=="function")throw new TypeError("callback not supported for sync tar functions");return s(a,o)}else if(ks(a)){let l=t(a,o);return h?l.then(()=>h(),h):l}else if(vs(a)){if(typeof h=="function")throw new TypeError("callback not supported for sync tar functions");return e(a,o)}else if(Ms(a)){if(typeof h=="function")throw new TypeError("callback only supported with file option");return i(a,o)}throw new Error("impossible options??")},{syncFile:s,asyncFile:t,syncNoFile:e,asyncNoFile:i,validate:r});var sn=external_zlib_namespaceObject.constants||{ZLIB_VERNUM:4736},M=Object.freeze(Object.assign(Object.create(null),{Z_NO_FLUSH:0,Z_PARTIAL_FLUSH:1,Z_SYNC_FLUSH:2,Z_FULL_FLUSH:3,Z_FINISH:4,Z_BLOCK:5,Z_OK:0,Z_STREAM_END:1,Z_NEED_DICT:2,Z_ERRNO:-1,Z_STREAM_ERROR:-2,Z_DATA_ERROR:-3,Z_MEM_ERROR:-4,Z_BUF_ERROR:-5,Z_VERSION_ERROR:-6,Z_NO_COMPRESSION:0,Z_BEST_SPEED:1,Z_BEST_COMPRESSION:9,Z_DEFAULT_COMPRESSION:-1,Z_FILTERED:1,Z_HUFFMAN_ONLY:2,Z_RLE:3,Z_FIXED:4,Z_DEFAULT_STRATEGY:0,DEFLATE:1,INFLATE:2,GZIP:3,GUNZIP:4,DEFLATERAW:5,INFLATERAW:6,UNZIP:7,BROTLI_DECODE:8,BROTLI_ENCODE:9,Z_MIN_WINDOWBITS:8,Z_MAX_WINDOWBITS:15,Z_DEFAULT_WINDOWBITS:15,Z_MIN_CHUNK:64,Z_MAX_CHUNK:1/0,Z_DEFAULT_CHUNK:16384,Z_MIN_MEMLEVEL:1,Z_MAX_MEMLEVEL:9,Z_DEFAULT_MEMLEVEL:8,Z_MIN_LEVEL:-1,Z_MAX_LEVEL:9,Z_DEFAULT_LEVEL:-1,BROTLI_OPERATION_PROCESS:0,BROTLI_OPERATION_FLUSH:1,BROTLI_OPERATION_FINISH:2,BROTLI_OPERATION_EMIT_METADATA:3,BROTLI_MODE_GENERIC:0,BROTLI_MODE_TEXT:1,BROTLI_MODE_FONT:2,BROTLI_DEFAULT_MODE:0,BROTLI_MIN_QUALITY:0,BROTLI_MAX_QUALITY:11,BROTLI_DEFAULT_QUALITY:11,BROTLI_MIN_WINDOW_BITS:10,BROTLI_MAX_WINDOW_BITS:24,BROTLI_LARGE_MAX_WINDOW_BITS:30,BROTLI_DEFAULT_WINDOW:22,BROTLI_MIN_INPUT_BLOCK_BITS:16,BROTLI_MAX_INPUT_BLOCK_BITS:24,BROTLI_PARAM_MODE:0,BROTLI_PARAM_QUALITY:1,BROTLI_PARAM_LGWIN:2,BROTLI_PARAM_LGBLOCK:3,BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING:4,BROTLI_PARAM_SIZE_HINT:5,BROTLI_PARAM_LARGE_WINDOW:6,BROTLI_PARAM_NPOSTFIX:7,BROTLI_PARAM_NDIRECT:8,BROTLI_DECODER_RESULT_ERROR:0,BROTLI_DECODER_RESULT_SUCCESS:1,BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT:2,BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT:3,BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION:0,BROTLI_DECODER_PARAM_LARGE_WINDOW:1,BROTLI_DECODER_NO_ERROR:0,BROTLI_DECODER_SUCCESS:1,BROTLI_DECODER_NEEDS_MORE_INPUT:2,BROTLI_DECODER_NEEDS_MORE_OUTPUT:3,BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_NIBBLE:-1,BROTLI_DECODER_ERROR_FORMAT_RESERVED:-2,BROTLI_DECODER_ERROR_FORMAT_EXUBERANT_META_NIBBLE:-3,BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_ALPHABET:-4,BROTLI_DECODER_ERROR_FORMAT_SIMPLE_HUFFMAN_SAME:-5,BROTLI_DECODER_ERROR_FORMAT_CL_SPACE:-6,BROTLI_DECODER_ERROR_FORMAT_HUFFMAN_SPACE:-7,BROTLI_DECODER_ERROR_FORMAT_CONTEXT_MAP_REPEAT:-8,BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_1:-9,BROTLI_DECODER_ERROR_FORMAT_BLOCK_LENGTH_2:-10,BROTLI_DECODER_ERROR_FORMAT_TRANSFORM:-11,BROTLI_DECODER_ERROR_FORMAT_DICTIONARY:-12,BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS:-13,BROTLI_DECODER_ERROR_FORMAT_PADDING_1:-14,BROTLI_DECODER_ERROR_FORMAT_PADDING_2:-15,BROTLI_DECODER_ERROR_FORMAT_DISTANCE:-16,BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET:-19,BROTLI_DECODER_ERROR_INVALID_ARGUMENTS:-20,BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES:-21,BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS:-22,BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP:-25,BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1:-26,BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2:-27,BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES:-30,BROTLI_DECODER_ERROR_UNREACHABLE:-31},sn));var rn=external_buffer_.Buffer.concat,zs=Object.getOwnPropertyDescriptor(external_buffer_.Buffer,"concat"),nn=s=>s,Bi=zs?.writable===!0||zs?.set!==void 0?s=>{external_buffer_.Buffer.concat=s?nn:rn}:s=>{},Tt=Symbol("_superWrite"),Gt=class extends Error{code;errno;constructor(t,e){super("zlib: "+t.message,{cause:t}),this.code=t.code,this.errno=t.errno,this.code||(this.code="ZLIB_ERROR"),this.message="zlib: "+t.message,Error.captureStackTrace(this,e??this.constructor)}get name(){return"ZlibError"}},Pi=Symbol("flushFlag"),re=class extends A{#t=!1;#i=!1;#s;#n;#r;#e;#o;get sawError(){return this.#t}get handle(){return this.#e}get flushFlag(){return this.#s}constructor(t,e){if(!t||typeof t!="object")throw new TypeError("invalid options for ZlibBase constructor");if(super(t),this.#s=t.flush??0,this.#n=t.finishFlush??0,this.#r=t.fullFlushFlag??0,typeof external_zlib_namespaceObject_0[e]!="function")throw new TypeError("Compression method not supported: "+e);try{this.#e=new external_zlib_namespaceObject_0[e](t)}catch(i){throw new Gt(i,this.constructor)}this.#o=i=>{this.#t||(this.#t=!0,this.close(),this.emit("error",i))},this.#e?.on("error",i=>this.#o(new Gt(i))),this.once("end",()=>this.close)}close(){this.#e&&(this.#e.close(),this.#e=void 0,this.emit("close"))}reset(){if(!this.#t)return external_assert_namespaceObject(this.#e,"zlib binding closed"),this.#e.reset?.()}flush(t){this.ended||(typeof t!="number"&&(t=this.#r),this.write(Object.assign(external_buffer_.Buffer.alloc(0),{[Pi]:t})))}end(t,e,i){return typeof t=="function"&&(i=t,e=void 0,t=void 0),typeof e=="function"&&(i=e,e=void 0),t&&(e?this.write(t,e):this.write(t)),this.flush(this.#n),this.#i=!0,super.end(i)}get ended(){return this.#i}[Tt](t){return super.write(t)}write(t,e,i){if(typeof e=="function"&&(i=e,e="utf8"),typeof t=="string"&&(t=external_buffer_.Buffer.from(t,e)),this.#t)return;external_assert_namespaceObject(this.#e,"zlib binding closed");let r=this.#e._handle,n=r.close;r.close=()=>{};let o=this.#e.close;this.#e.close=()=>{},Bi(!0);let h;try{let l=typeof t[Pi]=="number"?t[Pi]:this.#s;h=this.#e._processChunk(t,l),Bi(!1)}catch(l){Bi(!1),this.#o(new Gt(l,this.write))}finally{this.#e&&(this.#e._handle=r,r.close=n,this.#e.close=o,this.#e.removeAllListeners("error"))}this.#e&&this.#e.on("error",l=>this.#o(new Gt(l,this.write)));let a;if(h)if(Array.isArray(h)&&h.length>0){let l=h[0];a=this[Tt](external_buffer_.Buffer.from(l));for(let c=1;c<h.length;c++)a=this[Tt](h[c])}else a=this[Tt](external_buffer_.Buffer.from(h));return i&&i(),a}},Pe=class extends re{#t;#i;constructor(t,e){t=t||{},t.flush=t.flush||M.Z_NO_FLUSH,t.finishFlush=t.finishFlush||M.Z_FINISH,t.fullFlushFlag=M.Z_FULL_FLUSH,super(t,e),this.#t=t.level,this.#i=t.strategy}params(t,e){if(!this.sawError){if(!this.handle)throw new Error("cannot switch params when binding is closed");if(!this.handle.params)throw new Error("not supported in this implementation");if(this.#t!==t||this.#i!==e){this.flush(M.Z_SYNC_FLUSH),external_assert_namespaceObject(this.handle,"zlib binding closed");let i=this.handle.flush;this.handle.flush=(r,n)=>{typeof r=="function"&&(n=r,r=this.flushFlag),this.flush(r),n?.()};try{this.handle.params(t,e)}finally{this.handle.flush=i}this.handle&&(this.#t=t,this.#i=e)}}}};var ze=class extends Pe{#t;constructor(t){super(t,"Gzip"),this.#t=t&&!!t.portable}[Tt](t){return this.#t?(this.#t=!1,t[9]=255,super[Tt](t)):super[Tt](t)}};var Ue=class extends Pe{constructor(t){super(t,"Unzip")}},He=class extends re{constructor(t,e){t=t||{},t.flush=t.flush||M.BROTLI_OPERATION_PROCESS,t.finishFlush=t.finishFlush||M.BROTLI_OPERATION_FINISH,t.fullFlushFlag=M.BROTLI_OPERATION_FLUSH,super(t,e)}},We=class extends He{constructor(t){super(t,"BrotliCompress")}},Ge=class extends He{constructor(t){super(t,"BrotliDecompress")}},Ze=class extends re{constructor(t,e){t=t||{},t.flush=t.flush||M.ZSTD_e_continue,t.finishFlush=t.finishFlush||M.ZSTD_e_end,t.fullFlushFlag=M.ZSTD_e_flush,super(t,e)}},Ye=class extends Ze{constructor(t){super(t,"ZstdCompress")}},Ke=class extends Ze{constructor(t){super(t,"ZstdDecompress")}};var Us=(s,t)=>{if(Number.isSafeInteger(s))s<0?an(s,t):hn(s,t);else throw Error("cannot encode number outside of javascript safe integer range");return t},hn=(s,t)=>{t[0]=128;for(var e=t.length;e>1;e--)t[e-1]=s&255,s=Math.floor(s/256)},an=(s,t)=>{t[0]=255;var e=!1;s=s*-1;for(var i=t.length;i>1;i--){var r=s&255;s=Math.floor(s/256),e?t[i-1]=Ws(r):r===0?t[i-1]=0:(e=!0,t[i-1]=Gs(r))}},Hs=s=>{let t=s[0],e=t===128?cn(s.subarray(1,s.length)):t===255?ln(s):null;if(e===null)throw Error("invalid base256 encoding");if(!Number.isSafeInteger(e))throw Error("parsed number outside of javascript safe integer range");return e},ln=s=>{for(var t=s.length,e=0,i=!1,r=t-1;r>-1;r--){var n=Number(s[r]),o;i?o=Ws(n):n===0?o=n:(i=!0,o=Gs(n)),o!==0&&(e-=o*Math.pow(256,t-r-1))}return e},cn=s=>{for(var t=s.length,e=0,i=t-1;i>-1;i--){var r=Number(s[i]);r!==0&&(e+=r*Math.pow(256,t-i-1))}return e},Ws=s=>(255^s)&255,Gs=s=>(255^s)+1&255;var Hi={};Ur(Hi,{code:()=>Ve,isCode:()=>ne,isName:()=>dn,name:()=>oe,normalFsTypes:()=>Ui});var ne=s=>oe.has(s),dn=s=>Ve.has(s),Ui=new Set(["0","","1","2","3","4","5","6","7","D"]),oe=new Map([["0","File"],["","OldFile"],["1","Link"],["2","SymbolicLink"],["3","CharacterDevice"],["4","BlockDevice"],["5","Directory"],["6","FIFO"],["7","ContiguousFile"],["g","GlobalExtendedHeader"],["x","ExtendedHeader"],["A","SolarisACL"],["D","GNUDumpDir"],["I","Inode"],["K","NextFileHasLongLinkpath"],["L","NextFileHasLongPath"],["M","ContinuationFile"],["N","OldGnuLongPath"],["S","SparseFile"],["V","TapeVolumeHeader"],["X","OldExtendedHeader"]]),Ve=new Map(Array.from(oe).map(s=>[s[1],s[0]]));var un=s=>s===void 0||s<0?void 0:s,F=class{cksumValid=!1;needPax=!1;nullBlock=!1;block;path;mode;uid;gid;size;cksum;#t="Unsupported";linkpath;uname;gname;devmaj=0;devmin=0;atime;ctime;mtime;charset;comment;constructor(t,e=0,i,r){Buffer.isBuffer(t)?this.decode(t,e||0,i,r):t&&this.#i(t)}decode(t,e,i,r){if(e||(e=0),!t||!(t.length>=e+512))throw new Error("need 512 bytes for header");let n=xt(t,e+156,1),o=Ui.has(n),h=o?i:void 0,a=o?r:void 0;if(this.path=h?.path??xt(t,e,100),this.mode=h?.mode??a?.mode??lt(t,e+100,8),this.uid=h?.uid??a?.uid??lt(t,e+108,8),this.gid=h?.gid??a?.gid??lt(t,e+116,8),this.size=un(h?.size??a?.size??lt(t,e+124,12)),this.mtime=h?.mtime??a?.mtime??Wi(t,e+136,12),this.cksum=lt(t,e+148,12),a&&this.#i(a,!0),h&&this.#i(h),ne(n)&&(this.#t=n||"0"),this.#t==="0"&&this.path.slice(-1)==="/"&&(this.#t="5"),this.#t==="5"&&(this.size=0),this.linkpath=xt(t,e+157,100),t.subarray(e+257,e+265).toString()==="ustar\x0000")if(this.uname=h?.uname??a?.uname??xt(t,e+265,32),this.gname=h?.gname??a?.gname??xt(t,e+297,32),this.devmaj=h?.devmaj??a?.devmaj??lt(t,e+329,8)??0,this.devmin=h?.devmin??a?.devmin??lt(t,e+337,8)??0,t[e+475]!==0){let c=xt(t,e+345,155);this.path=c+"/"+this.path}else{let c=xt(t,e+345,130);c&&(this.path=c+"/"+this.path),this.atime=i?.atime??r?.atime??Wi(t,e+476,12),this.ctime=i?.ctime??r?.ctime??Wi(t,e+488,12)}let l=256;for(let c=e;c<e+148;c++)l+=t[c];for(let c=e+156;c<e+512;c++)l+=t[c];this.cksumValid=l===this.cksum,this.cksum===void 0&&l===256&&(this.nullBlock=!0)}#i(t,e=!1){Object.assign(this,Object.fromEntries(Object.entries(t).filter(([i,r])=>!(r==null||i==="size"&&Number(r)<0||i==="path"&&e||i==="linkpath"&&e||i==="global"))))}encode(t,e=0){if(t||(t=this.block=Buffer.alloc(512)),this.#t==="Unsupported"&&(this.#t="0"),!(t.length>=e+512))throw new Error("need 512 bytes for header");let i=this.ctime||this.atime?130:155,r=mn(this.path||"",i),n=r[0],o=r[1];this.needPax=!!r[2],this.needPax=Lt(t,e,100,n)||this.needPax,this.needPax=ct(t,e+100,8,this.mode)||this.needPax,this.needPax=ct(t,e+108,8,this.uid)||this.needPax,this.needPax=ct(t,e+116,8,this.gid)||this.needPax,this.needPax=ct(t,e+124,12,this.size)||this.needPax,this.needPax=Gi(t,e+136,12,this.mtime)||this.needPax,t[e+156]=Number(this.#t.codePointAt(0)),this.needPax=Lt(t,e+157,100,this.linkpath)||this.needPax,t.write("ustar\x0000",e+257,8),this.needPax=Lt(t,e+265,32,this.uname)||this.needPax,this.needPax=Lt(t,e+297,32,this.gname)||this.needPax,this.needPax=ct(t,e+329,8,this.devmaj)||this.needPax,this.needPax=ct(t,e+337,8,this.devmin)||this.needPax,this.needPax=Lt(t,e+345,i,o)||this.needPax,t[e+475]!==0?this.needPax=Lt(t,e+345,155,o)||this.needPax:(this.needPax=Lt(t,e+345,130,o)||this.needPax,this.needPax=Gi(t,e+476,12,this.atime)||this.needPax,this.needPax=Gi(t,e+488,12,this.ctime)||this.needPax);let h=256;for(let a=e;a<e+148;a++)h+=t[a];for(let a=e+156;a<e+512;a++)h+=t[a];return this.cksum=h,ct(t,e+148,8,this.cksum),this.cksumValid=!0,this.needPax}get type(){return this.#t==="Unsupported"?this.#t:oe.get(this.#t)}get typeKey(){return this.#t}set type(t){let e=String(Ve.get(t));if(ne(e)||e==="Unsupported")this.#t=e;else if(ne(t))this.#t=t;else throw new TypeError("invalid entry type: "+t)}},mn=(s,t)=>{let i=s,r="",n,o=external_node_path_namespaceObject.posix.parse(s).root||".";if(Buffer.byteLength(i)<100)n=[i,r,!1];else{r=external_node_path_namespaceObject.posix.dirname(i),i=external_node_path_namespaceObject.posix.basename(i);do Buffer.byteLength(i)<=100&&Buffer.byteLength(r)<=t?n=[i,r,!1]:Buffer.byteLength(i)>100&&Buffer.byteLength(r)<=t?n=[i.slice(0,99),r,!0]:(i=external_node_path_namespaceObject.posix.join(external_node_path_namespaceObject.posix.basename(r),i),r=external_node_path_namespaceObject.posix.dirname(r));while(r!==o&&n===void 0);n||(n=[s.slice(0,99),"",!0])}return n},xt=(s,t,e)=>s.subarray(t,t+e).toString("utf8").replace(/\0.*/,""),Wi=(s,t,e)=>pn(lt(s,t,e)),pn=s=>s===void 0?void 0:new Date(s*1e3),lt=(s,t,e)=>Number(s[t])&128?Hs(s.subarray(t,t+e)):wn(s,t,e),En=s=>isNaN(s)?void 0:s,wn=(s,t,e)=>En(parseInt(s.subarray(t,t+e).toString("utf8").replace(/\0.*$/,"").trim(),8)),Sn={12:8589934591,8:2097151},ct=(s,t,e,i)=>i===void 0?!1:i>Sn[e]||i<0?(Us(i,s.subarray(t,t+e)),!0):(yn(s,t,e,i),!1),yn=(s,t,e,i)=>s.write(Rn(i,e),t,e,"ascii"),Rn=(s,t)=>gn(Math.floor(s).toString(8),t),gn=(s,t)=>(s.length===t-1?s:new Array(t-s.length-1).join("0")+s+" ")+"\0",Gi=(s,t,e,i)=>i===void 0?!1:ct(s,t,e,i.getTime()/1e3),bn=new Array(156).join("\0"),Lt=(s,t,e,i)=>i===void 0?!1:(s.write(i+bn,t,e,"utf8"),i.length!==Buffer.byteLength(i)||i.length>e);var ft=class s{atime;mtime;ctime;charset;comment;gid;uid;gname;uname;linkpath;dev;ino;nlink;path;size;mode;global;constructor(t,e=!1){this.atime=t.atime,this.charset=t.charset,this.comment=t.comment,this.ctime=t.ctime,this.dev=t.dev,this.gid=t.gid,this.global=e,this.gname=t.gname,this.ino=t.ino,this.linkpath=t.linkpath,this.mtime=t.mtime,this.nlink=t.nlink,this.path=t.path,this.size=t.size,this.uid=t.uid,this.uname=t.uname}encode(){let t=this.encodeBody();if(t==="")return Buffer.allocUnsafe(0);let e=Buffer.byteLength(t),i=512*Math.ceil(1+e/512),r=Buffer.allocUnsafe(i);for(let n=0;n<512;n++)r[n]=0;new F({path:("PaxHeader/"+(0,external_node_path_namespaceObject.basename)(this.path??"")).slice(0,99),mode:this.mode||420,uid:this.uid,gid:this.gid,size:e,mtime:this.mtime,type:this.global?"GlobalExtendedHeader":"ExtendedHeader",linkpath:"",uname:this.uname||"",gname:this.gname||"",devmaj:0,devmin:0,atime:this.atime,ctime:this.ctime}).encode(r),r.write(t,512,e,"utf8");for(let n=e+512;n<r.length;n++)r[n]=0;return r}encodeBody(){return this.encodeField("path")+this.encodeField("ctime")+this.encodeField("atime")+this.encodeField("dev")+this.encodeField("ino")+this.encodeField("nlink")+this.encodeField("charset")+this.encodeField("comment")+this.encodeField("gid")+this.encodeField("gname")+this.encodeField("linkpath")+this.encodeField("mtime")+this.encodeField("size")+this.encodeField("uid")+this.encodeField("uname")}encodeField(t){if(this[t]===void 0)return"";let e=this[t],i=e instanceof Date?e.getTime()/1e3:e,r=" "+(t==="dev"||t==="ino"||t==="nlink"?"SCHILY.":"")+t+"="+i+`
`,n=Buffer.byteLength(r),o=Math.floor(Math.log(n)/Math.log(10))+1;return n+o>=Math.pow(10,o)&&(o+=1),o+n+r}static parse(t,e,i=!1){return new s(On(Tn(t),e),i)}},On=(s,t)=>t?Object.assign({},t,s):s,Tn=s=>s.replace(/\n$/,"").split(`
`).reduce(xn,Object.create(null)),xn=(s,t)=>{let e=parseInt(t,10);if(e!==Buffer.byteLength(t)+1)return s;t=t.slice((e+" ").length);let i=t.split("="),r=i.shift();if(!r)return s;let n=r.replace(/^SCHILY\.(dev|ino|nlink)/,"$1"),o=i.join("=").replace(/\0.*/,"");switch(n){case"path":case"linkpath":case"type":case"charset":case"comment":case"gname":case"uname":s[n]=o;break;case"ctime":case"atime":case"mtime":s[n]=new Date(Number(o)*1e3);break;case"size":let h=+o;h>=0&&(s[n]=h);break;case"gid":case"uid":case"dev":case"ino":case"nlink":case"mode":s[n]=+o;break}return s};var Ln=process.env.TESTING_TAR_FAKE_PLATFORM||process.platform,f=Ln!=="win32"?s=>String(s):s=>String(s).replaceAll(/\\/g,"/");var $e=class extends A{extended;globalExtended;header;startBlockSize;blockRemain;remain;type;meta=!1;ignore=!1;path;mode;uid;gid;uname;gname;size=0;mtime;atime;ctime;linkpath;dev;ino;nlink;invalid=!1;absolute;unsupported=!1;constructor(t,e,i){switch(super({}),this.pause(),this.extended=e,this.globalExtended=i,this.header=t,this.remain=t.size??0,this.startBlockSize=512*Math.ceil(this.remain/512),this.blockRemain=this.startBlockSize,this.type=t.type,this.type){case"File":case"OldFile":case"Link":case"SymbolicLink":case"CharacterDevice":case"BlockDevice":case"Directory":case"FIFO":case"ContiguousFile":case"GNUDumpDir":break;case"NextFileHasLongLinkpath":case"NextFileHasLongPath":case"OldGnuLongPath":case"GlobalExtendedHeader":case"ExtendedHeader":case"OldExtendedHeader":this.meta=!0;break;default:this.ignore=!0}if(!t.path)throw new Error("no path provided for tar.ReadEntry");this.path=f(t.path),this.mode=t.mode,this.mode&&(this.mode=this.mode&4095),this.uid=t.uid,this.gid=t.gid,this.uname=t.uname,this.gname=t.gname,this.size=this.remain,this.mtime=t.mtime,this.atime=t.atime,this.ctime=t.ctime,this.linkpath=t.linkpath?f(t.linkpath):void 0,this.uname=t.uname,this.gname=t.gname,e&&this.#t(e),i&&this.#t(i,!0)}write(t){let e=t.length;if(e>this.blockRemain)throw new Error("writing more to entry than is appropriate");let i=this.remain,r=this.blockRemain;return this.remain=Math.max(0,i-e),this.blockRemain=Math.max(0,r-e),this.ignore?!0:i>=e?super.write(t):super.write(t.subarray(0,i))}#t(t,e=!1){t.path&&(t.path=f(t.path)),t.linkpath&&(t.linkpath=f(t.linkpath)),Object.assign(this,Object.fromEntries(Object.entries(t).filter(([i,r])=>!(r==null||i==="path"&&e))))}};var Dt=(s,t,e,i={})=>{s.file&&(i.file=s.file),s.cwd&&(i.cwd=s.cwd),i.code=e instanceof Error&&e.code||t,i.tarCode=t,!s.strict&&i.recoverable!==!1?(e instanceof Error&&(i=Object.assign(e,i),e=e.message),s.emit("warn",t,e,i)):e instanceof Error?s.emit("error",Object.assign(e,i)):s.emit("error",Object.assign(new Error(`${t}: ${e}`),i))};var Nn=1024*1024,Xi=Buffer.from([31,139]),qi=Buffer.from([40,181,47,253]),An=Math.max(Xi.length,qi.length),B=Symbol("state"),Nt=Symbol("writeEntry"),it=Symbol("readEntry"),Zi=Symbol("nextEntry"),Zs=Symbol("processEntry"),V=Symbol("extendedHeader"),he=Symbol("globalExtendedHeader"),dt=Symbol("meta"),Ys=Symbol("emitMeta"),p=Symbol("buffer"),st=Symbol("queue"),ut=Symbol("ended"),Yi=Symbol("emittedEnd"),At=Symbol("emit"),w=Symbol("unzip"),Xe=Symbol("consumeChunk"),qe=Symbol("consumeChunkSub"),Ki=Symbol("consumeBody"),Ks=Symbol("consumeMeta"),Vs=Symbol("consumeHeader"),ae=Symbol("consuming"),Vi=Symbol("bufferConcat"),Qe=Symbol("maybeEnd"),Yt=Symbol("writing"),$=Symbol("aborted"),Je=Symbol("onDone"),It=Symbol("sawValidEntry"),je=Symbol("sawNullBlock"),ti=Symbol("sawEOF"),$s=Symbol("closeStream"),In=1e3,le=Symbol("compressedBytesRead"),$i=Symbol("decompressedBytesRead"),Xs=Symbol("checkDecompressionRatio"),Cn=()=>!0,rt=class extends external_events_namespaceObject.EventEmitter{file;strict;maxMetaEntrySize;filter;brotli;zstd;maxDecompressionRatio;writable=!0;readable=!1;[st]=[];[p];[it];[Nt];[B]="begin";[dt]="";[V];[he];[ut]=!1;[w];[$]=!1;[It];[je]=!1;[ti]=!1;[Yt]=!1;[ae]=!1;[Yi]=!1;[le]=0;[$i]=0;constructor(t={}){super(),this.file=t.file||"",this.on(Je,()=>{(this[B]==="begin"||this[It]===!1)&&this.warn("TAR_BAD_ARCHIVE","Unrecognized archive format")}),t.ondone?this.on(Je,t.ondone):this.on(Je,()=>{this.emit("prefinish"),this.emit("finish"),this.emit("end")}),this.strict=!!t.strict,this.maxDecompressionRatio=typeof t.maxDecompressionRatio=="number"?t.maxDecompressionRatio:In,this.maxMetaEntrySize=t.maxMetaEntrySize||Nn,this.filter=typeof t.filter=="function"?t.filter:Cn;let e=t.file&&(t.file.endsWith(".tar.br")||t.file.endsWith(".tbr"));this.brotli=!(t.gzip||t.zstd)&&t.brotli!==void 0?t.brotli:e?void 0:!1;let i=t.file&&(t.file.endsWith(".tar.zst")||t.file.endsWith(".tzst"));this.zstd=!(t.gzip||t.brotli)&&t.zstd!==void 0?t.zstd:i?!0:void 0,this.on("end",()=>this[$s]()),typeof t.onwarn=="function"&&this.on("warn",t.onwarn),typeof t.onReadEntry=="function"&&this.on("entry",t.onReadEntry)}warn(t,e,i={}){Dt(this,t,e,i)}[Vs](t,e){this[It]===void 0&&(this[It]=!1);let i;try{i=new F(t,e,this[V],this[he])}catch(r){return this.warn("TAR_ENTRY_INVALID",r)}if(i.nullBlock)this[je]?(this[ti]=!0,this[B]==="begin"&&(this[B]="header"),this[At]("eof")):(this[je]=!0,this[At]("nullBlock"));else if(this[je]=!1,!i.cksumValid)this.warn("TAR_ENTRY_INVALID","checksum failure",{header:i});else if(!i.path)this.warn("TAR_ENTRY_INVALID","path is required",{header:i});else{let r=i.type;if(/^(Symbolic)?Link$/.test(r)&&!i.linkpath)this.warn("TAR_ENTRY_INVALID","linkpath required",{header:i});else if(!/^(Symbolic)?Link$/.test(r)&&!/^(Global)?ExtendedHeader$/.test(r)&&i.linkpath)this.warn("TAR_ENTRY_INVALID","linkpath forbidden",{header:i});else{let n=this[Nt]=new $e(i,this[V],this[he]);if(!this[It])if(n.remain){let o=()=>{n.invalid||(this[It]=!0)};n.on("end",o)}else this[It]=!0;n.meta?n.size>this.maxMetaEntrySize?(n.ignore=!0,this[At]("ignoredEntry",n),this[B]="ignore",n.resume()):n.size>0&&(this[dt]="",n.on("data",o=>this[dt]+=o),this[B]="meta"):(this[V]=void 0,n.ignore=n.ignore||!this.filter(n.path,n),n.ignore?(this[At]("ignoredEntry",n),this[B]=n.remain?"ignore":"header",n.resume()):(n.remain?this[B]="body":(this[B]="header",n.end()),this[it]?this[st].push(n):(this[st].push(n),this[Zi]())))}}}[$s](){queueMicrotask(()=>this.emit("close"))}[Zs](t){let e=!0;if(!t)this[it]=void 0,e=!1;else if(Array.isArray(t)){let[i,...r]=t;this.emit(i,...r)}else this[it]=t,this.emit("entry",t),t.emittedEnd||(t.on("end",()=>this[Zi]()),e=!1);return e}[Zi](){do;while(this[Zs](this[st].shift()));if(this[st].length===0){let t=this[it];!t||t.flowing||t.size===t.remain?this[Yt]||this.emit("drain"):t.once("drain",()=>this.emit("drain"))}}[Ki](t,e){let i=this[Nt];if(!i)throw new Error("attempt to consume body without entry??");let r=i.blockRemain??0,n=r>=t.length&&e===0?t:t.subarray(e,e+r);return i.write(n),i.blockRemain||(this[B]="header",this[Nt]=void 0,i.end()),n.length}[Ks](t,e){let i=this[Nt],r=this[Ki](t,e);return!this[Nt]&&i&&this[Ys](i),r}[At](t,e,i){this[st].length===0&&!this[it]?this.emit(t,e,i):this[st].push([t,e,i])}[Ys](t){switch(this[At]("meta",this[dt]),t.type){case"ExtendedHeader":case"OldExtendedHeader":this[V]=ft.parse(this[dt],this[V],!1);break;case"GlobalExtendedHeader":this[he]=ft.parse(this[dt],this[he],!0);break;case"NextFileHasLongPath":case"OldGnuLongPath":{let e=this[V]??Object.create(null);this[V]=e,e.path=this[dt].replace(/\0.*/,"");break}case"NextFileHasLongLinkpath":{let e=this[V]||Object.create(null);this[V]=e,e.linkpath=this[dt].replace(/\0.*/,"");break}default:throw new Error("unknown meta: "+t.type)}}abort(t){if(!this[$]){if(this[w]){let e=this[w];e.write=()=>!0,e.end=()=>e,e.emit=()=>!1,e.destroy?.()}this[$]=!0,this.emit("abort",t),this.warn("TAR_ABORT",t,{recoverable:!1})}}[Xs](t){this[$i]+=t.length;let e=this[$i]/this[le];return e>this.maxDecompressionRatio?(this.abort(new Error(`max decompression ratio exceeded: ${e.toFixed(2)} > ${this.maxDecompressionRatio}`)),!1):!0}write(t,e,i){if(typeof e=="function"&&(i=e,e=void 0),typeof t=="string"&&(t=Buffer.from(t,typeof e=="string"?e:"utf8")),this[$])return i?.(),!1;if((this[w]===void 0||this.brotli===void 0&&this[w]===!1)&&t){if(this[p]&&(t=Buffer.concat([this[p],t]),this[p]=void 0),t.length<An)return this[p]=t,i?.(),!0;for(let a=0;this[w]===void 0&&a<Xi.length;a++)t[a]!==Xi[a]&&(this[w]=!1);let o=!1;if(this[w]===!1&&this.zstd!==!1){o=!0;for(let a=0;a<qi.length;a++)if(t[a]!==qi[a]){o=!1;break}}let h=this.brotli===void 0&&!o;if(this[w]===!1&&h)if(t.length<512)if(this[ut])this.brotli=!0;else return this[p]=t,i?.(),!0;else try{new F(t.subarray(0,512)),this.brotli=!1}catch{this.brotli=!0}if(this[w]===void 0||this[w]===!1&&(this.brotli||o)){let a=this[ut];this[ut]=!1,this[w]=this[w]===void 0?new Ue({}):o?new Ke({}):new Ge({}),this[w].on("data",c=>{this[Xs](c)&&this[Xe](c)}),this[w].on("error",c=>{this[$]||this.abort(c)}),this[w].on("end",()=>{this[ut]=!0,this[Xe]()}),this[Yt]=!0,this[le]+=t.length;let l=!!this[w][a?"end":"write"](t);return this[Yt]=!1,i?.(),l}}this[Yt]=!0,this[w]?(this[le]+=t.length,this[w].write(t)):this[Xe](t),this[Yt]=!1;let n=this[st].length>0?!1:this[it]?this[it].flowing:!0;return!n&&this[st].length===0&&this[it]?.once("drain",()=>this.emit("drain")),i?.(),n}[Vi](t){t&&!this[$]&&(this[p]=this[p]?Buffer.concat([this[p],t]):t)}[Qe](){if(this[ut]&&!this[Yi]&&!this[$]&&!this[ae]){this[Yi]=!0;let t=this[Nt];if(t?.blockRemain){let e=this[p]?this[p].length:0;this.warn("TAR_BAD_ARCHIVE",`Truncated input (needed ${t.blockRemain} more bytes, only ${e} available)`,{entry:t}),this[p]&&t.write(this[p]),t.end()}this[At](Je)}}[Xe](t){if(this[ae]&&t)this[Vi](t);else if(!t&&!this[p])this[Qe]();else if(t){if(this[ae]=!0,this[p]){this[Vi](t);let e=this[p];this[p]=void 0,this[qe](e)}else this[qe](t);for(;this[p]&&this[p]?.length>=512&&!this[$]&&!this[ti];){let e=this[p];this[p]=void 0,this[qe](e)}this[ae]=!1}(!this[p]||this[ut])&&this[Qe]()}[qe](t){let e=0,i=t.length;for(;e+512<=i&&!this[$]&&!this[ti];)switch(this[B]){case"begin":case"header":this[Vs](t,e),e+=512;break;case"ignore":case"body":e+=this[Ki](t,e);break;case"meta":e+=this[Ks](t,e);break;default:throw new Error("invalid state: "+this[B])}e<i&&(this[p]=this[p]?Buffer.concat([t.subarray(e),this[p]]):t.subarray(e))}end(t,e,i){return typeof t=="function"&&(i=t,e=void 0,t=void 0),typeof e=="function"&&(i=e,e=void 0),typeof t=="string"&&(t=Buffer.from(t,e)),i&&this.once("finish",i),this[$]||(this[w]?(t&&(this[le]+=t.length,this[w].write(t)),this[w].end()):(this[ut]=!0,(this.brotli===void 0||this.zstd===void 0)&&(t=t||Buffer.alloc(0)),t&&this.write(t),this[Qe]())),this}};var mt=s=>{let t=s.length-1,e=-1;for(;t>-1&&s.charAt(t)==="/";)e=t,t--;return e===-1?s:s.slice(0,e)};var vn=s=>{let t=s.onReadEntry;s.onReadEntry=t?e=>{t(e),e.resume()}:e=>e.resume()},Qi=(s,t)=>{let e=new Map(t.map(o=>[mt(o),!0])),i=s.filter,r=100,n=(o,h="",a=0)=>{if(a>=r)return e.set(o,!1),!1;let l=h||(0,external_path_namespaceObject.parse)(o).root||".",c;if(o===l)c=!1;else{let d=e.get(o);c=d!==void 0?d:n((0,external_path_namespaceObject.dirname)(o),l,a+1)}return e.set(o,c),c};s.filter=i?(o,h)=>i(o,h)&&n(mt(o)):o=>n(mt(o))},Mn=s=>{let t=new rt(s),e=s.file,i;try{i=external_node_fs_namespaceObject.openSync(e,"r");let r=external_node_fs_namespaceObject.fstatSync(i),n=s.maxReadSize||16*1024*1024;if(r.size<n){let o=Buffer.allocUnsafe(r.size),h=external_node_fs_namespaceObject.readSync(i,o,0,r.size,0);t.end(h===o.byteLength?o:o.subarray(0,h))}else{let o=0,h=Buffer.allocUnsafe(n);for(;o<r.size;){let a=external_node_fs_namespaceObject.readSync(i,h,0,n,o);if(a===0)break;o+=a,t.write(h.subarray(0,a))}t.end()}}finally{if(typeof i=="number")try{external_node_fs_namespaceObject.closeSync(i)}catch{}}},Bn=(s,t)=>{let e=new rt(s),i=s.maxReadSize||16*1024*1024,r=s.file;return new Promise((o,h)=>{e.on("error",h),e.on("end",o),external_node_fs_namespaceObject.stat(r,(a,l)=>{if(a)h(a);else{let c=new _t(r,{readSize:i,size:l.size});c.on("error",h),c.pipe(e)}})})},Ct=K(Mn,Bn,s=>new rt(s),s=>new rt(s),(s,t)=>{t?.length&&Qi(s,t),s.noResume||vn(s)});var Ji=(s,t,e)=>(s&=4095,e&&(s=(s|384)&-19),t&&(s&256&&(s|=64),s&32&&(s|=8),s&4&&(s|=1)),s);var{isAbsolute:zn,parse:qs}=external_node_path_namespaceObject.win32,ce=s=>{let t="",e=qs(s);for(;zn(s)||e.root;){let i=s.charAt(0)==="/"&&s.slice(0,4)!=="//?/"?"/":e.root;s=s.slice(i.length),t+=i,e=qs(s)}return[t,s]};var ei=["|","<",">","?",":"],ji=ei.map(s=>String.fromCodePoint(61440+Number(s.codePointAt(0)))),Un=new Map(ei.map((s,t)=>[s,ji[t]])),Hn=new Map(ji.map((s,t)=>[s,ei[t]])),ts=s=>ei.reduce((t,e)=>t.split(e).join(Un.get(e)),s),Qs=s=>ji.reduce((t,e)=>t.split(e).join(Hn.get(e)),s);var rr=(s,t)=>t?(s=f(s).replace(/^\.(\/|$)/,""),mt(t)+"/"+s):f(s),Wn=16*1024*1024,tr=Symbol("process"),er=Symbol("file"),ir=Symbol("directory"),is=Symbol("symlink"),sr=Symbol("hardlink"),fe=Symbol("header"),ii=Symbol("read"),ss=Symbol("lstat"),si=Symbol("onlstat"),rs=Symbol("onread"),ns=Symbol("onreadlink"),os=Symbol("openfile"),hs=Symbol("onopenfile"),pt=Symbol("close"),ri=Symbol("mode"),as=Symbol("awaitDrain"),es=Symbol("ondrain"),q=Symbol("prefix"),de=class extends A{path;portable;myuid=process.getuid&&process.getuid()||0;myuser=process.env.USER||"";maxReadSize;linkCache;statCache;preservePaths;cwd;strict;mtime;noPax;noMtime;prefix;fd;blockLen=0;blockRemain=0;buf;pos=0;remain=0;length=0;offset=0;win32;absolute;header;type;linkpath;stat;onWriteEntry;#t=!1;constructor(t,e={}){let i=se(e);super(),this.path=f(t),this.portable=!!i.portable,this.maxReadSize=i.maxReadSize||Wn,this.linkCache=i.linkCache||new Map,this.statCache=i.statCache||new Map,this.preservePaths=!!i.preservePaths,this.cwd=f(i.cwd||process.cwd()),this.strict=!!i.strict,this.noPax=!!i.noPax,this.noMtime=!!i.noMtime,this.mtime=i.mtime,this.prefix=i.prefix?f(i.prefix):void 0,this.onWriteEntry=i.onWriteEntry,typeof i.onwarn=="function"&&this.on("warn",i.onwarn);let r=!1;if(!this.preservePaths){let[o,h]=ce(this.path);o&&typeof h=="string"&&(this.path=h,r=o)}this.win32=!!i.win32||process.platform==="win32",this.win32&&(this.path=Qs(this.path.replaceAll(/\\/g,"/")),t=t.replaceAll(/\\/g,"/")),this.absolute=f(i.absolute||external_path_namespaceObject.resolve(this.cwd,t)),this.path===""&&(this.path="./"),r&&this.warn("TAR_ENTRY_INFO",`stripping ${r} from absolute path`,{entry:this,path:r+this.path});let n=this.statCache.get(this.absolute);n?this[si](n):this[ss]()}warn(t,e,i={}){return Dt(this,t,e,i)}emit(t,...e){return t==="error"&&(this.#t=!0),super.emit(t,...e)}[ss](){external_fs_namespaceObject.lstat(this.absolute,(t,e)=>{if(t)return this.emit("error",t);this[si](e)})}[si](t){this.statCache.set(this.absolute,t),this.stat=t,t.isFile()||(t.size=0),this.type=Gn(t),this.emit("stat",t),this[tr]()}[tr](){switch(this.type){case"File":return this[er]();case"Directory":return this[ir]();case"SymbolicLink":return this[is]();default:return this.end()}}[ri](t){return Ji(t,this.type==="Directory",this.portable)}[q](t){return rr(t,this.prefix)}[fe](){if(!this.stat)throw new Error("cannot write header before stat");this.type==="Directory"&&this.portable&&(this.noMtime=!0),this.onWriteEntry?.(this),this.header=new F({path:this[q](this.path),linkpath:this.type==="Link"&&this.linkpath!==void 0?this[q](this.linkpath):this.linkpath,mode:this[ri](this.stat.mode),uid:this.portable?void 0:this.stat.uid,gid:this.portable?void 0:this.stat.gid,size:this.stat.size,mtime:this.noMtime?void 0:this.mtime||this.stat.mtime,type:this.type==="Unsupported"?void 0:this.type,uname:this.portable?void 0:this.stat.uid===this.myuid?this.myuser:"",atime:this.portable?void 0:this.stat.atime,ctime:this.portable?void 0:this.stat.ctime}),this.header.encode()&&!this.noPax&&super.write(new ft({atime:this.portable?void 0:this.header.atime,ctime:this.portable?void 0:this.header.ctime,gid:this.portable?void 0:this.header.gid,mtime:this.noMtime?void 0:this.mtime||this.header.mtime,path:this[q](this.path),linkpath:this.type==="Link"&&this.linkpath!==void 0?this[q](this.linkpath):this.linkpath,size:this.header.size,uid:this.portable?void 0:this.header.uid,uname:this.portable?void 0:this.header.uname,dev:this.portable?void 0:this.stat.dev,ino:this.portable?void 0:this.stat.ino,nlink:this.portable?void 0:this.stat.nlink}).encode());let t=this.header?.block;if(!t)throw new Error("failed to encode header");super.write(t)}[ir](){if(!this.stat)throw new Error("cannot create directory entry without stat");this.path.slice(-1)!=="/"&&(this.path+="/"),this.stat.size=0,this[fe](),this.end()}[is](){external_fs_namespaceObject.readlink(this.absolute,(t,e)=>{if(t)return this.emit("error",t);this[ns](e)})}[ns](t){this.linkpath=f(t),this[fe](),this.end()}[sr](t){if(!this.stat)throw new Error("cannot create link entry without stat");this.type="Link",this.linkpath=f(external_path_namespaceObject.relative(this.cwd,t)),this.stat.size=0,this[fe](),this.end()}[er](){if(!this.stat)throw new Error("cannot create file entry without stat");if(this.stat.nlink>1){let t=`${this.stat.dev}:${this.stat.ino}`,e=this.linkCache.get(t);if(e?.indexOf(this.cwd)===0)return this[sr](e);this.linkCache.set(t,this.absolute)}if(this[fe](),this.stat.size===0)return this.end();this[os]()}[os](){external_fs_namespaceObject.open(this.absolute,"r",(t,e)=>{if(t)return this.emit("error",t);this[hs](e)})}[hs](t){if(this.fd=t,this.#t)return this[pt]();if(!this.stat)throw new Error("should stat before calling onopenfile");this.blockLen=512*Math.ceil(this.stat.size/512),this.blockRemain=this.blockLen;let e=Math.min(this.blockLen,this.maxReadSize);this.buf=Buffer.allocUnsafe(e),this.offset=0,this.pos=0,this.remain=this.stat.size,this.length=this.buf.length,this[ii]()}[ii](){let{fd:t,buf:e,offset:i,length:r,pos:n}=this;if(t===void 0||e===void 0)throw new Error("cannot read file without first opening");external_fs_namespaceObject.read(t,e,i,r,n,(o,h)=>{if(o)return this[pt](()=>this.emit("error",o));this[rs](h)})}[pt](t=()=>{}){this.fd!==void 0&&external_fs_namespaceObject.close(this.fd,t)}[rs](t){if(t<=0&&this.remain>0){let r=Object.assign(new Error("encountered unexpected EOF"),{path:this.absolute,syscall:"read",code:"EOF"});return this[pt](()=>this.emit("error",r))}if(t>this.remain){let r=Object.assign(new Error("did not encounter expected EOF"),{path:this.absolute,syscall:"read",code:"EOF"});return this[pt](()=>this.emit("error",r))}if(!this.buf)throw new Error("should have created buffer prior to reading");if(t===this.remain)for(let r=t;r<this.length&&t<this.blockRemain;r++)this.buf[r+this.offset]=0,t++,this.remain++;let e=this.offset===0&&t===this.buf.length?this.buf:this.buf.subarray(this.offset,this.offset+t);this.write(e)?this[es]():this[as](()=>this[es]())}[as](t){this.once("drain",t)}write(t,e,i){if(typeof e=="function"&&(i=e,e=void 0),typeof t=="string"&&(t=Buffer.from(t,typeof e=="string"?e:"utf8")),this.blockRemain<t.length){let r=Object.assign(new Error("writing more data than expected"),{path:this.absolute});return this.emit("error",r)}return this.remain-=t.length,this.blockRemain-=t.length,this.pos+=t.length,this.offset+=t.length,super.write(t,null,i)}[es](){if(!this.remain)return this.blockRemain&&super.write(Buffer.alloc(this.blockRemain)),this[pt](t=>t?this.emit("error",t):this.end());if(!this.buf)throw new Error("buffer lost somehow in ONDRAIN");this.offset>=this.length&&(this.buf=Buffer.allocUnsafe(Math.min(this.blockRemain,this.buf.length)),this.offset=0),this.length=this.buf.length-this.offset,this[ii]()}},ni=class extends de{sync=!0;[ss](){this[si](external_fs_namespaceObject.lstatSync(this.absolute))}[is](){this[ns](external_fs_namespaceObject.readlinkSync(this.absolute))}[os](){this[hs](external_fs_namespaceObject.openSync(this.absolute,"r"))}[ii](){let t=!0;try{let{fd:e,buf:i,offset:r,length:n,pos:o}=this;if(e===void 0||i===void 0)throw new Error("fd and buf must be set in READ method");let h=external_fs_namespaceObject.readSync(e,i,r,n,o);this[rs](h),t=!1}finally{if(t)try{this[pt](()=>{})}catch{}}}[as](t){t()}[pt](t=()=>{}){this.fd!==void 0&&external_fs_namespaceObject.closeSync(this.fd),t()}},oi=class extends A{blockLen=0;blockRemain=0;buf=0;pos=0;remain=0;length=0;preservePaths;portable;strict;noPax;noMtime;readEntry;type;prefix;path;mode;uid;gid;uname;gname;header;mtime;atime;ctime;linkpath;size;onWriteEntry;warn(t,e,i={}){return Dt(this,t,e,i)}constructor(t,e={}){let i=se(e);super(),this.preservePaths=!!i.preservePaths,this.portable=!!i.portable,this.strict=!!i.strict,this.noPax=!!i.noPax,this.noMtime=!!i.noMtime,this.onWriteEntry=i.onWriteEntry,this.readEntry=t;let{type:r}=t;if(r==="Unsupported")throw new Error("writing entry that should be ignored");this.type=r,this.type==="Directory"&&this.portable&&(this.noMtime=!0),this.prefix=i.prefix,this.path=f(t.path),this.mode=t.mode!==void 0?this[ri](t.mode):void 0,this.uid=this.portable?void 0:t.uid,this.gid=this.portable?void 0:t.gid,this.uname=this.portable?void 0:t.uname,this.gname=this.portable?void 0:t.gname,this.size=t.size,this.mtime=this.noMtime?void 0:i.mtime||t.mtime,this.atime=this.portable?void 0:t.atime,this.ctime=this.portable?void 0:t.ctime,this.linkpath=t.linkpath!==void 0?f(t.linkpath):void 0,typeof i.onwarn=="function"&&this.on("warn",i.onwarn);let n=!1;if(!this.preservePaths){let[h,a]=ce(this.path);h&&typeof a=="string"&&(this.path=a,n=h)}this.remain=t.size,this.blockRemain=t.startBlockSize,this.onWriteEntry?.(this),this.header=new F({path:this[q](this.path),linkpath:this.type==="Link"&&this.linkpath!==void 0?this[q](this.linkpath):this.linkpath,mode:this.mode,uid:this.portable?void 0:this.uid,gid:this.portable?void 0:this.gid,size:this.size,mtime:this.noMtime?void 0:this.mtime,type:this.type,uname:this.portable?void 0:this.uname,atime:this.portable?void 0:this.atime,ctime:this.portable?void 0:this.ctime}),n&&this.warn("TAR_ENTRY_INFO",`stripping ${n} from absolute path`,{entry:this,path:n+this.path}),this.header.encode()&&!this.noPax&&super.write(new ft({atime:this.portable?void 0:this.atime,ctime:this.portable?void 0:this.ctime,gid:this.portable?void 0:this.gid,mtime:this.noMtime?void 0:this.mtime,path:this[q](this.path),linkpath:this.type==="Link"&&this.linkpath!==void 0?this[q](this.linkpath):this.linkpath,size:this.size,uid:this.portable?void 0:this.uid,uname:this.portable?void 0:this.uname,dev:this.portable?void 0:this.readEntry.dev,ino:this.portable?void 0:this.readEntry.ino,nlink:this.portable?void 0:this.readEntry.nlink}).encode());let o=this.header?.block;if(!o)throw new Error("failed to encode header");super.write(o),t.pipe(this)}[q](t){return rr(t,this.prefix)}[ri](t){return Ji(t,this.type==="Directory",this.portable)}write(t,e,i){typeof e=="function"&&(i=e,e=void 0),typeof t=="string"&&(t=Buffer.from(t,typeof e=="string"?e:"utf8"));let r=t.length;if(r>this.blockRemain)throw new Error("writing more to entry than is appropriate");return this.blockRemain-=r,super.write(t,i)}end(t,e,i){return this.blockRemain&&super.write(Buffer.alloc(this.blockRemain)),typeof t=="function"&&(i=t,e=void 0,t=void 0),typeof e=="function"&&(i=e,e=void 0),typeof t=="string"&&(t=Buffer.from(t,e??"utf8")),i&&this.once("finish",i),t?super.end(t,i):super.end(i),this}},Gn=s=>s.isFile()?"File":s.isDirectory()?"Directory":s.isSymbolicLink()?"SymbolicLink":"Unsupported";var hi=class s{tail;head;length=0;static create(t=[]){return new s(t)}constructor(t=[]){for(let e of t)this.push(e)}*[Symbol.iterator](){for(let t=this.head;t;t=t.next)yield t.value}removeNode(t){if(t.list!==this)throw new Error("removing node which does not belong to this list");let e=t.next,i=t.prev;return e&&(e.prev=i),i&&(i.next=e),t===this.head&&(this.head=e),t===this.tail&&(this.tail=i),this.length--,t.next=void 0,t.prev=void 0,t.list=void 0,e}unshiftNode(t){if(t===this.head)return;t.list&&t.list.removeNode(t);let e=this.head;t.list=this,t.next=e,e&&(e.prev=t),this.head=t,this.tail||(this.tail=t),this.length++}pushNode(t){if(t===this.tail)return;t.list&&t.list.removeNode(t);let e=this.tail;t.list=this,t.prev=e,e&&(e.next=t),this.tail=t,this.head||(this.head=t),this.length++}push(...t){for(let e=0,i=t.length;e<i;e++)Yn(this,t[e]);return this.length}unshift(...t){for(var e=0,i=t.length;e<i;e++)Kn(this,t[e]);return this.length}pop(){if(!this.tail)return;let t=this.tail.value,e=this.tail;return this.tail=this.tail.prev,this.tail?this.tail.next=void 0:this.head=void 0,e.list=void 0,this.length--,t}shift(){if(!this.head)return;let t=this.head.value,e=this.head;return this.head=this.head.next,this.head?this.head.prev=void 0:this.tail=void 0,e.list=void 0,this.length--,t}forEach(t,e){e=e||this;for(let i=this.head,r=0;i;r++)t.call(e,i.value,r,this),i=i.next}forEachReverse(t,e){e=e||this;for(let i=this.tail,r=this.length-1;i;r--)t.call(e,i.value,r,this),i=i.prev}get(t){let e=0,i=this.head;for(;i&&e<t;e++)i=i.next;if(e===t&&i)return i.value}getReverse(t){let e=0,i=this.tail;for(;i&&e<t;e++)i=i.prev;if(e===t&&i)return i.value}map(t,e){e=e||this;let i=new s;for(let r=this.head;r;)i.push(t.call(e,r.value,this)),r=r.next;return i}mapReverse(t,e){e=e||this;var i=new s;for(let r=this.tail;r;)i.push(t.call(e,r.value,this)),r=r.prev;return i}reduce(t,e){let i,r=this.head;if(arguments.length>1)i=e;else if(this.head)r=this.head.next,i=this.head.value;else throw new TypeError("Reduce of empty list with no initial value");for(var n=0;r;n++)i=t(i,r.value,n),r=r.next;return i}reduceReverse(t,e){let i,r=this.tail;if(arguments.length>1)i=e;else if(this.tail)r=this.tail.prev,i=this.tail.value;else throw new TypeError("Reduce of empty list with no initial value");for(let n=this.length-1;r;n--)i=t(i,r.value,n),r=r.prev;return i}toArray(){let t=new Array(this.length);for(let e=0,i=this.head;i;e++)t[e]=i.value,i=i.next;return t}toArrayReverse(){let t=new Array(this.length);for(let e=0,i=this.tail;i;e++)t[e]=i.value,i=i.prev;return t}slice(t=0,e=this.length){e<0&&(e+=this.length),t<0&&(t+=this.length);let i=new s;if(e<t||e<0)return i;t<0&&(t=0),e>this.length&&(e=this.length);let r=this.head,n=0;for(n=0;r&&n<t;n++)r=r.next;for(;r&&n<e;n++,r=r.next)i.push(r.value);return i}sliceReverse(t=0,e=this.length){e<0&&(e+=this.length),t<0&&(t+=this.length);let i=new s;if(e<t||e<0)return i;t<0&&(t=0),e>this.length&&(e=this.length);let r=this.length,n=this.tail;for(;n&&r>e;r--)n=n.prev;for(;n&&r>t;r--,n=n.prev)i.push(n.value);return i}splice(t,e=0,...i){t>this.length&&(t=this.length-1),t<0&&(t=this.length+t);let r=this.head;for(let o=0;r&&o<t;o++)r=r.next;let n=[];for(let o=0;r&&o<e;o++)n.push(r.value),r=this.removeNode(r);r?r!==this.tail&&(r=r.prev):r=this.tail;for(let o of i)r=Zn(this,r,o);return n}reverse(){let t=this.head,e=this.tail;for(let i=t;i;i=i.prev){let r=i.prev;i.prev=i.next,i.next=r}return this.head=e,this.tail=t,this}};function Zn(s,t,e){let i=t,r=t?t.next:s.head,n=new ue(e,i,r,s);return n.next===void 0&&(s.tail=n),n.prev===void 0&&(s.head=n),s.length++,n}function Yn(s,t){s.tail=new ue(t,s.tail,void 0,s),s.head||(s.head=s.tail),s.length++}function Kn(s,t){s.head=new ue(t,void 0,s.head,s),s.tail||(s.tail=s.head),s.length++}var ue=class{list;next;prev;value;constructor(t,e,i,r){this.list=r,this.value=t,e?(e.next=this,this.prev=e):this.prev=void 0,i?(i.prev=this,this.next=i):this.next=void 0}};var pi=class{path;absolute;entry;stat;readdir;pending=!1;pendingLink=!1;ignore=!1;piped=!1;constructor(t,e){this.path=t||"./",this.absolute=e}},nr=Buffer.alloc(1024),li=Symbol("onStat"),me=Symbol("ended"),W=Symbol("queue"),pe=Symbol("pendingLinks"),Et=Symbol("current"),Ft=Symbol("process"),Ee=Symbol("processing"),ai=Symbol("processJob"),G=Symbol("jobs"),ls=Symbol("jobDone"),ci=Symbol("addFSEntry"),or=Symbol("addTarEntry"),ds=Symbol("stat"),us=Symbol("readdir"),fi=Symbol("onreaddir"),di=Symbol("pipe"),hr=Symbol("entry"),cs=Symbol("entryOpt"),ui=Symbol("writeEntryClass"),lr=Symbol("write"),fs=Symbol("ondrain"),wt=class extends A{sync=!1;opt;cwd;maxReadSize;preservePaths;strict;noPax;prefix;linkCache;statCache;file;portable;zip;readdirCache;noDirRecurse;follow;noMtime;mtime;filter;jobs;[ui];onWriteEntry;[W];[pe]=new Map;[G]=0;[Ee]=!1;[me]=!1;constructor(t={}){if(super(),this.opt=t,this.file=t.file||"",this.cwd=t.cwd||process.cwd(),this.maxReadSize=t.maxReadSize,this.preservePaths=!!t.preservePaths,this.strict=!!t.strict,this.noPax=!!t.noPax,this.prefix=f(t.prefix||""),this.linkCache=t.linkCache||new Map,this.statCache=t.statCache||new Map,this.readdirCache=t.readdirCache||new Map,this.onWriteEntry=t.onWriteEntry,this[ui]=de,typeof t.onwarn=="function"&&this.on("warn",t.onwarn),this.portable=!!t.portable,t.gzip||t.brotli||t.zstd){if((t.gzip?1:0)+(t.brotli?1:0)+(t.zstd?1:0)>1)throw new TypeError("gzip, brotli, zstd are mutually exclusive");if(t.gzip&&(typeof t.gzip!="object"&&(t.gzip={}),this.portable&&(t.gzip.portable=!0),this.zip=new ze(t.gzip)),t.brotli&&(typeof t.brotli!="object"&&(t.brotli={}),this.zip=new We(t.brotli)),t.zstd&&(typeof t.zstd!="object"&&(t.zstd={}),this.zip=new Ye(t.zstd)),!this.zip)throw new Error("impossible");let e=this.zip;e.on("data",i=>super.write(i)),e.on("end",()=>super.end()),e.on("drain",()=>this[fs]()),this.on("resume",()=>e.resume())}else this.on("drain",this[fs]);this.noDirRecurse=!!t.noDirRecurse,this.follow=!!t.follow,this.noMtime=!!t.noMtime,t.mtime&&(this.mtime=t.mtime),this.filter=typeof t.filter=="function"?t.filter:()=>!0,this[W]=new hi,this[G]=0,this.jobs=Number(t.jobs)||4,this[Ee]=!1,this[me]=!1}[lr](t){return super.write(t)}add(t){return this.write(t),this}end(t,e,i){return typeof t=="function"&&(i=t,t=void 0),typeof e=="function"&&(i=e,e=void 0),t&&this.add(t),this[me]=!0,this[Ft](),i&&i(),this}write(t){if(this[me])throw new Error("write after end");return typeof t=="string"?this[ci](t):this[or](t),this.flowing}[or](t){let e=f(external_path_namespaceObject.resolve(this.cwd,t.path));if(!this.filter(t.path,t))t.resume();else{let i=new pi(t.path,e);i.entry=new oi(t,this[cs](i)),i.entry.on("end",()=>this[ls](i)),this[G]+=1,this[W].push(i)}this[Ft]()}[ci](t){let e=f(external_path_namespaceObject.resolve(this.cwd,t));this[W].push(new pi(t,e)),this[Ft]()}[ds](t){t.pending=!0,this[G]+=1;let e=this.follow?"stat":"lstat";external_fs_namespaceObject[e](t.absolute,(i,r)=>{t.pending=!1,this[G]-=1,i?this.emit("error",i):this[li](t,r)})}[li](t,e){if(this.statCache.set(t.absolute,e),t.stat=e,!this.filter(t.path,e))t.ignore=!0;else if(e.isFile()&&e.nlink>1&&!this.linkCache.get(`${e.dev}:${e.ino}`)&&!this.sync)if(t===this[Et])this[ai](t);else{let i=`${e.dev}:${e.ino}`,r=this[pe].get(i);r?r.push(t):this[pe].set(i,[t]),t.pendingLink=!0,t.pending=!0}this[Ft]()}[us](t){t.pending=!0,this[G]+=1,external_fs_namespaceObject.readdir(t.absolute,(e,i)=>{if(t.pending=!1,this[G]-=1,e)return this.emit("error",e);this[fi](t,i)})}[fi](t,e){this.readdirCache.set(t.absolute,e),t.readdir=e,this[Ft]()}[Ft](){if(!this[Ee]){this[Ee]=!0;for(let t=this[W].head;t&&this[G]<this.jobs;t=t.next)if(this[ai](t.value),t.value.ignore){let e=t.next;this[W].removeNode(t),t.next=e}this[Ee]=!1,this[me]&&this[W].length===0&&this[G]===0&&(this.zip?this.zip.end(nr):(super.write(nr),super.end()))}}get[Et](){return this[W]&&this[W].head&&this[W].head.value}[ls](t){this[W].shift(),this[G]-=1;let{stat:e}=t;if(e&&e.isFile()&&e.nlink>1){let i=`${e.dev}:${e.ino}`,r=this[pe].get(i);if(r){this[pe].delete(i);for(let n of r)n.pending=!1,this[ai](n)}}this[Ft]()}[ai](t){if(t.pending&&t.pendingLink&&t===this[Et]&&(t.pending=!1,t.pendingLink=!1),!t.pending){if(t.entry){t===this[Et]&&!t.piped&&this[di](t);return}if(!t.stat){let e=this.statCache.get(t.absolute);e?this[li](t,e):this[ds](t)}if(t.stat&&!t.ignore){if(!this.noDirRecurse&&t.stat.isDirectory()&&!t.readdir){let e=this.readdirCache.get(t.absolute);if(e?this[fi](t,e):this[us](t),!t.readdir)return}if(t.entry=this[hr](t),!t.entry){t.ignore=!0;return}t===this[Et]&&!t.piped&&this[di](t)}}}[cs](t){return{onwarn:(e,i,r)=>this.warn(e,i,r),noPax:this.noPax,cwd:this.cwd,absolute:t.absolute,preservePaths:this.preservePaths,maxReadSize:this.maxReadSize,strict:this.strict,portable:this.portable,linkCache:this.linkCache,statCache:this.statCache,noMtime:this.noMtime,mtime:this.mtime,prefix:this.prefix,onWriteEntry:this.onWriteEntry}}[hr](t){this[G]+=1;try{return new this[ui](t.path,this[cs](t)).on("end",()=>this[ls](t)).on("error",i=>this.emit("error",i))}catch(e){this.emit("error",e)}}[fs](){this[Et]&&this[Et].entry&&this[Et].entry.resume()}[di](t){t.piped=!0,t.readdir&&t.readdir.forEach(r=>{let n=t.path,o=n==="./"?"":n.replace(/\/*$/,"/");this[ci](o+r)});let e=t.entry,i=this.zip;if(!e)throw new Error("cannot pipe without source");i?e.on("data",r=>{i.write(r)||e.pause()}):e.on("data",r=>{super.write(r)||e.pause()})}pause(){return this.zip&&this.zip.pause(),super.pause()}warn(t,e,i={}){Dt(this,t,e,i)}},kt=class extends wt{sync=!0;constructor(t){super(t),this[ui]=ni}pause(){}resume(){}[ds](t){let e=this.follow?"statSync":"lstatSync";this[li](t,external_fs_namespaceObject[e](t.absolute))}[us](t){this[fi](t,external_fs_namespaceObject.readdirSync(t.absolute))}[di](t){let e=t.entry,i=this.zip;if(t.readdir&&t.readdir.forEach(r=>{let n=t.path,o=n==="./"?"":n.replace(/\/*$/,"/");this[ci](o+r)}),!e)throw new Error("Cannot pipe without source");i?e.on("data",r=>{i.write(r)}):e.on("data",r=>{super[lr](r)})}};var Vn=(s,t)=>{let e=new kt(s),i=new Wt(s.file,{mode:s.mode||438});e.pipe(i),fr(e,t)},$n=(s,t)=>{let e=new wt(s),i=new et(s.file,{mode:s.mode||438});e.pipe(i);let r=new Promise((n,o)=>{i.on("error",o),i.on("close",n),e.on("error",o)});return dr(e,t).catch(n=>e.emit("error",n)),r},fr=(s,t)=>{t.forEach(e=>{e.charAt(0)==="@"?Ct({file:external_node_path_namespaceObject.resolve(s.cwd,e.slice(1)),sync:!0,noResume:!0,onReadEntry:i=>s.add(i)}):s.add(e)}),s.end()},dr=async(s,t)=>{for(let e of t)e.charAt(0)==="@"?await Ct({file:external_node_path_namespaceObject.resolve(String(s.cwd),e.slice(1)),noResume:!0,onReadEntry:i=>{s.add(i)}}):s.add(e);s.end()},Xn=(s,t)=>{let e=new kt(s);return fr(e,t),e},qn=(s,t)=>{let e=new wt(s);return dr(e,t).catch(i=>e.emit("error",i)),e},Qn=K(Vn,$n,Xn,qn,(s,t)=>{if(!t?.length)throw new TypeError("no paths specified to add to archive")});var Jn=process.env.__FAKE_PLATFORM__||process.platform,Er=Jn==="win32",{O_CREAT:wr,O_NOFOLLOW:ur,O_TRUNC:Sr,O_WRONLY:yr}=external_fs_namespaceObject.constants,Rr=Number(process.env.__FAKE_FS_O_FILENAME__)||external_fs_namespaceObject.constants.UV_FS_O_FILEMAP||0,jn=Er&&!!Rr,to=512*1024,eo=Rr|Sr|wr|yr,mr=!Er&&typeof ur=="number"?ur|Sr|wr|yr:null,ms=mr!==null?()=>mr:jn?s=>s<to?eo:"w":()=>"w";var ps=(s,t,e)=>{try{return external_node_fs_namespaceObject.lchownSync(s,t,e)}catch(i){if(i?.code!=="ENOENT")throw i}},Ei=(s,t,e,i)=>{external_node_fs_namespaceObject.lchown(s,t,e,r=>{i(r&&r?.code!=="ENOENT"?r:null)})},io=(s,t,e,i,r)=>{if(t.isDirectory())Es(external_node_path_namespaceObject.resolve(s,t.name),e,i,n=>{if(n)return r(n);let o=external_node_path_namespaceObject.resolve(s,t.name);Ei(o,e,i,r)});else{let n=external_node_path_namespaceObject.resolve(s,t.name);Ei(n,e,i,r)}},Es=(s,t,e,i)=>{external_node_fs_namespaceObject.readdir(s,{withFileTypes:!0},(r,n)=>{if(r){if(r.code==="ENOENT")return i();if(r.code!=="ENOTDIR"&&r.code!=="ENOTSUP")return i(r)}if(r||!n.length)return Ei(s,t,e,i);let o=n.length,h=null,a=l=>{if(!h){if(l)return i(h=l);if(--o===0)return Ei(s,t,e,i)}};for(let l of n)io(s,l,t,e,a)})},so=(s,t,e,i)=>{t.isDirectory()&&ws(external_node_path_namespaceObject.resolve(s,t.name),e,i),ps(external_node_path_namespaceObject.resolve(s,t.name),e,i)},ws=(s,t,e)=>{let i;try{i=external_node_fs_namespaceObject.readdirSync(s,{withFileTypes:!0})}catch(r){let n=r;if(n?.code==="ENOENT")return;if(n?.code==="ENOTDIR"||n?.code==="ENOTSUP")return ps(s,t,e);throw n}for(let r of i)so(s,r,t,e);return ps(s,t,e)};var Se=class extends Error{path;code;syscall="chdir";constructor(t,e){super(`${e}: Cannot cd into '${t}'`),this.path=t,this.code=e}get name(){return"CwdError"}};var St=class extends Error{path;symlink;syscall="symlink";code="TAR_SYMLINK_ERROR";constructor(t,e){super("TAR_SYMLINK_ERROR: Cannot extract through symbolic link"),this.symlink=t,this.path=e}get name(){return"SymlinkError"}};var no=(s,t)=>{external_node_fs_namespaceObject.stat(s,(e,i)=>{(e||!i.isDirectory())&&(e=new Se(s,e?.code||"ENOTDIR")),t(e)})},gr=(s,t,e)=>{s=f(s);let i=t.umask??18,r=t.mode|448,n=(r&i)!==0,o=t.uid,h=t.gid,a=typeof o=="number"&&typeof h=="number"&&(o!==t.processUid||h!==t.processGid),l=t.preserve,c=t.unlink,d=f(t.cwd),y=(E,x)=>{E?e(E):x&&a?Es(x,o,h,Le=>y(Le)):n?external_node_fs_namespaceObject.chmod(s,r,e):e()};if(s===d)return no(s,y);if(l)return promises_namespaceObject.mkdir(s,{mode:r,recursive:!0}).then(E=>y(null,E??void 0),y);let D=f(external_node_path_namespaceObject.relative(d,s)).split("/");Ss(d,D,r,c,d,void 0,y)},Ss=(s,t,e,i,r,n,o)=>{if(t.length===0)return o(null,n);let h=t.shift(),a=f(external_node_path_namespaceObject.resolve(s+"/"+h));external_node_fs_namespaceObject.mkdir(a,e,br(a,t,e,i,r,n,o))},br=(s,t,e,i,r,n,o)=>h=>{h?external_node_fs_namespaceObject.lstat(s,(a,l)=>{if(a)a.path=a.path&&f(a.path),o(a);else if(l.isDirectory())Ss(s,t,e,i,r,n,o);else if(i)external_node_fs_namespaceObject.unlink(s,c=>{if(c)return o(c);external_node_fs_namespaceObject.mkdir(s,e,br(s,t,e,i,r,n,o))});else{if(l.isSymbolicLink())return o(new St(s,s+"/"+t.join("/")));o(h)}}):(n=n||s,Ss(s,t,e,i,r,n,o))},oo=s=>{let t=!1,e;try{t=external_node_fs_namespaceObject.statSync(s).isDirectory()}catch(i){e=i?.code}finally{if(!t)throw new Se(s,e??"ENOTDIR")}},_r=(s,t)=>{s=f(s);let e=t.umask??18,i=t.mode|448,r=(i&e)!==0,n=t.uid,o=t.gid,h=typeof n=="number"&&typeof o=="number"&&(n!==t.processUid||o!==t.processGid),a=t.preserve,l=t.unlink,c=f(t.cwd),d=E=>{E&&h&&ws(E,n,o),r&&external_node_fs_namespaceObject.chmodSync(s,i)};if(s===c)return oo(c),d();if(a)return d(external_node_fs_namespaceObject.mkdirSync(s,{mode:i,recursive:!0})??void 0);let T=f(external_node_path_namespaceObject.relative(c,s)).split("/"),D;for(let E=T.shift(),x=c;E&&(x+="/"+E);E=T.shift()){x=f(external_node_path_namespaceObject.resolve(x));try{external_node_fs_namespaceObject.mkdirSync(x,i),D=D||x}catch{let Le=external_node_fs_namespaceObject.lstatSync(x);if(Le.isDirectory())continue;if(l){external_node_fs_namespaceObject.unlinkSync(x),external_node_fs_namespaceObject.mkdirSync(x,i),D=D||x;continue}else if(Le.isSymbolicLink())return new St(x,x+"/"+T.join("/"))}}return d(D)};var ys=Object.create(null),Or=1e4,Vt=new Set,Tr=s=>{Vt.has(s)?Vt.delete(s):ys[s]=s.normalize("NFD").toLocaleLowerCase("en").toLocaleUpperCase("en"),Vt.add(s);let t=ys[s],e=Vt.size-Or;if(e>Or/10){for(let i of Vt)if(Vt.delete(i),delete ys[i],--e<=0)break}return t};var ho=process.env.TESTING_TAR_FAKE_PLATFORM||process.platform,ao=ho==="win32",lo=s=>s.split("/").slice(0,-1).reduce((e,i)=>{let r=e.at(-1);return r!==void 0&&(i=(0,external_node_path_namespaceObject.join)(r,i)),e.push(i||"/"),e},[]),yi=class{#t=new Map;#i=new Map;#s=new Set;reserve(t,e){t=ao?["win32 parallelization disabled"]:t.map(r=>mt((0,external_node_path_namespaceObject.join)(Tr(r))));let i=new Set(t.map(r=>lo(r)).reduce((r,n)=>r.concat(n)));this.#i.set(e,{dirs:i,paths:t});for(let r of t){let n=this.#t.get(r);n?n.push(e):this.#t.set(r,[e])}for(let r of i){let n=this.#t.get(r);if(!n)this.#t.set(r,[new Set([e])]);else{let o=n.at(-1);o instanceof Set?o.add(e):n.push(new Set([e]))}}return this.#r(e)}#n(t){let e=this.#i.get(t);if(!e)throw new Error("function does not have any path reservations");return{paths:e.paths.map(i=>this.#t.get(i)),dirs:[...e.dirs].map(i=>this.#t.get(i))}}check(t){let{paths:e,dirs:i}=this.#n(t);return e.every(r=>r&&r[0]===t)&&i.every(r=>r&&r[0]instanceof Set&&r[0].has(t))}#r(t){return this.#s.has(t)||!this.check(t)?!1:(this.#s.add(t),t(()=>this.#e(t)),!0)}#e(t){if(!this.#s.has(t))return!1;let e=this.#i.get(t);if(!e)throw new Error("invalid reservation");let{paths:i,dirs:r}=e,n=new Set;for(let o of i){let h=this.#t.get(o);if(!h||h?.[0]!==t)continue;let a=h[1];if(!a){this.#t.delete(o);continue}if(h.shift(),typeof a=="function")n.add(a);else for(let l of a)n.add(l)}for(let o of r){let h=this.#t.get(o),a=h?.[0];if(!(!h||!(a instanceof Set)))if(a.size===1&&h.length===1){this.#t.delete(o);continue}else if(a.size===1){h.shift();let l=h[0];typeof l=="function"&&n.add(l)}else a.delete(t)}return this.#s.delete(t),n.forEach(o=>this.#r(o)),!0}};var Lr=()=>process.umask();var Dr=Symbol("onEntry"),_s=Symbol("checkFs"),Nr=Symbol("checkFs2"),Os=Symbol("isReusable"),P=Symbol("makeFs"),Ts=Symbol("file"),xs=Symbol("directory"),gi=Symbol("link"),Ar=Symbol("symlink"),Ir=Symbol("hardlink"),Re=Symbol("ensureNoSymlink"),Cr=Symbol("unsupported"),Fr=Symbol("checkPath"),Rs=Symbol("stripAbsolutePath"),yt=Symbol("mkdir"),O=Symbol("onError"),Ri=Symbol("pending"),kr=Symbol("pend"),$t=Symbol("unpend"),gs=Symbol("ended"),bs=Symbol("maybeClose"),Ls=Symbol("skip"),ge=Symbol("doChown"),be=Symbol("uid"),_e=Symbol("gid"),Oe=Symbol("checkedCwd"),fo=process.env.TESTING_TAR_FAKE_PLATFORM||process.platform,Te=fo==="win32",uo=1024,mo=(s,t)=>{if(!Te)return external_node_fs_namespaceObject.unlink(s,t);let e=s+".DELETE."+(0,external_node_crypto_namespaceObject.randomBytes)(16).toString("hex");external_node_fs_namespaceObject.rename(s,e,i=>{if(i)return t(i);external_node_fs_namespaceObject.unlink(e,t)})},po=s=>{if(!Te)return external_node_fs_namespaceObject.unlinkSync(s);let t=s+".DELETE."+(0,external_node_crypto_namespaceObject.randomBytes)(16).toString("hex");external_node_fs_namespaceObject.renameSync(s,t),external_node_fs_namespaceObject.unlinkSync(t)},vr=(s,t,e)=>s!==void 0&&s===s>>>0?s:t!==void 0&&t===t>>>0?t:e,Xt=class extends rt{[gs]=!1;[Oe]=!1;[Ri]=0;reservations=new yi;transform;writable=!0;readable=!1;uid;gid;setOwner;preserveOwner;processGid;processUid;maxDepth;forceChown;win32;newer;keep;noMtime;preservePaths;unlink;cwd;strip;processUmask;umask;dmode;fmode;chmod;constructor(t={}){if(t.ondone=()=>{this[gs]=!0,this[bs]()},super(t),this.transform=t.transform,this.chmod=!!t.chmod,typeof t.uid=="number"||typeof t.gid=="number"){if(typeof t.uid!="number"||typeof t.gid!="number")throw new TypeError("cannot set owner without number uid and gid");if(t.preserveOwner)throw new TypeError("cannot preserve owner in archive and also set owner explicitly");this.uid=t.uid,this.gid=t.gid,this.setOwner=!0}else this.uid=void 0,this.gid=void 0,this.setOwner=!1;this.preserveOwner=t.preserveOwner===void 0&&typeof t.uid!="number"?process.getuid?.()===0:!!t.preserveOwner,this.processUid=(this.preserveOwner||this.setOwner)&&process.getuid?process.getuid():void 0,this.processGid=(this.preserveOwner||this.setOwner)&&process.getgid?process.getgid():void 0,this.maxDepth=typeof t.maxDepth=="number"?t.maxDepth:uo,this.forceChown=t.forceChown===!0,this.win32=!!t.win32||Te,this.newer=!!t.newer,this.keep=!!t.keep,this.noMtime=!!t.noMtime,this.preservePaths=!!t.preservePaths,this.unlink=!!t.unlink,this.cwd=f(external_node_path_namespaceObject.resolve(t.cwd||process.cwd())),this.strip=Number(t.strip)||0,this.processUmask=this.chmod?typeof t.processUmask=="number"?t.processUmask:Lr():0,this.umask=typeof t.umask=="number"?t.umask:this.processUmask,this.dmode=t.dmode||511&~this.umask,this.fmode=t.fmode||438&~this.umask,this.on("entry",e=>this[Dr](e))}warn(t,e,i={}){return(t==="TAR_BAD_ARCHIVE"||t==="TAR_ABORT")&&(i.recoverable=!1),super.warn(t,e,i)}[bs](){this[gs]&&this[Ri]===0&&(this.emit("prefinish"),this.emit("finish"),this.emit("end"))}[Rs](t,e){let i=t[e],{type:r}=t;if(!i||this.preservePaths)return!0;let[n,o]=ce(i),h=o.replaceAll(/\\/g,"/").split("/");if(h.includes("..")||Te&&/^[a-z]:\.\.$/i.test(h[0]??"")){if(e==="path"||r==="Link")return this.warn("TAR_ENTRY_ERROR",`${e} contains '..'`,{entry:t,[e]:i}),!1;let a=external_node_path_namespaceObject.posix.dirname(t.path),l=external_node_path_namespaceObject.posix.normalize(external_node_path_namespaceObject.posix.join(a,h.join("/")));if(l.startsWith("../")||l==="..")return this.warn("TAR_ENTRY_ERROR",`${e} escapes extraction directory`,{entry:t,[e]:i}),!1}return n&&(t[e]=String(o),this.warn("TAR_ENTRY_INFO",`stripping ${n} from absolute ${e}`,{entry:t,[e]:i})),!0}[Fr](t){let e=f(t.path),i=e.split("/");if(this.strip){if(i.length<this.strip)return!1;if(t.type==="Link"){let r=f(String(t.linkpath)).split("/");if(r.length>=this.strip)t.linkpath=r.slice(this.strip).join("/");else return!1}i.splice(0,this.strip),t.path=i.join("/")}if(isFinite(this.maxDepth)&&i.length>this.maxDepth)return this.warn("TAR_ENTRY_ERROR","path excessively deep",{entry:t,path:e,depth:i.length,maxDepth:this.maxDepth}),!1;if(!this[Rs](t,"path")||!this[Rs](t,"linkpath"))return!1;if(t.absolute=external_node_path_namespaceObject.isAbsolute(t.path)?f(external_node_path_namespaceObject.resolve(t.path)):f(external_node_path_namespaceObject.resolve(this.cwd,t.path)),!this.preservePaths&&typeof t.absolute=="string"&&t.absolute.indexOf(this.cwd+"/")!==0&&t.absolute!==this.cwd)return this.warn("TAR_ENTRY_ERROR","path escaped extraction target",{entry:t,path:f(t.path),resolvedPath:t.absolute,cwd:this.cwd}),!1;if(t.absolute===this.cwd&&t.type!=="Directory"&&t.type!=="GNUDumpDir")return!1;if(this.win32){let{root:r}=external_node_path_namespaceObject.win32.parse(String(t.absolute));t.absolute=r+ts(String(t.absolute).slice(r.length));let{root:n}=external_node_path_namespaceObject.win32.parse(t.path);t.path=n+ts(t.path.slice(n.length))}return!0}[Dr](t){if(!this[Fr](t))return t.resume();switch(external_node_assert_namespaceObject.equal(typeof t.absolute,"string"),t.type){case"Directory":case"GNUDumpDir":t.mode&&(t.mode=t.mode|448);case"File":case"OldFile":case"ContiguousFile":case"Link":case"SymbolicLink":return this[_s](t);default:return this[Cr](t)}}[O](t,e){t.name==="CwdError"?this.emit("error",t):(this.warn("TAR_ENTRY_ERROR",t,{entry:e}),this[$t](),e.resume())}[yt](t,e,i){gr(f(t),{uid:this.uid,gid:this.gid,processUid:this.processUid,processGid:this.processGid,umask:this.processUmask,preserve:this.preservePaths,unlink:this.unlink,cwd:this.cwd,mode:e},i)}[ge](t){return this.forceChown||this.preserveOwner&&(typeof t.uid=="number"&&t.uid!==this.processUid||typeof t.gid=="number"&&t.gid!==this.processGid)||typeof this.uid=="number"&&this.uid!==this.processUid||typeof this.gid=="number"&&this.gid!==this.processGid}[be](t){return vr(this.uid,t.uid,this.processUid)}[_e](t){return vr(this.gid,t.gid,this.processGid)}[Ts](t,e){let i=typeof t.mode=="number"?t.mode&4095:this.fmode,r=new et(String(t.absolute),{flags:ms(t.size),mode:i,autoClose:!1});r.on("error",a=>{r.fd&&external_node_fs_namespaceObject.close(r.fd,()=>{}),r.write=()=>!0,this[O](a,t),e()});let n=1,o=a=>{if(a){r.fd&&external_node_fs_namespaceObject.close(r.fd,()=>{}),this[O](a,t),e();return}--n===0&&r.fd!==void 0&&external_node_fs_namespaceObject.close(r.fd,l=>{l?this[O](l,t):this[$t](),e()})};r.on("finish",()=>{let a=String(t.absolute),l=r.fd;if(typeof l=="number"&&t.mtime&&!this.noMtime){n++;let c=t.atime||new Date,d=t.mtime;external_node_fs_namespaceObject.futimes(l,c,d,y=>y?external_node_fs_namespaceObject.utimes(a,c,d,T=>o(T&&y)):o())}if(typeof l=="number"&&this[ge](t)){n++;let c=this[be](t),d=this[_e](t);typeof c=="number"&&typeof d=="number"&&external_node_fs_namespaceObject.fchown(l,c,d,y=>y?external_node_fs_namespaceObject.chown(a,c,d,T=>o(T&&y)):o())}o()});let h=this.transform&&this.transform(t)||t;h!==t&&(h.on("error",a=>{this[O](a,t),e()}),t.pipe(h)),h.pipe(r)}[xs](t,e){let i=typeof t.mode=="number"?t.mode&4095:this.dmode;this[yt](String(t.absolute),i,r=>{if(r){this[O](r,t),e();return}let n=1,o=()=>{--n===0&&(e(),this[$t](),t.resume())};t.mtime&&!this.noMtime&&(n++,external_node_fs_namespaceObject.utimes(String(t.absolute),t.atime||new Date,t.mtime,o)),this[ge](t)&&(n++,external_node_fs_namespaceObject.chown(String(t.absolute),Number(this[be](t)),Number(this[_e](t)),o)),o()})}[Cr](t){t.unsupported=!0,this.warn("TAR_ENTRY_UNSUPPORTED",`unsupported entry type: ${t.type}`,{entry:t}),t.resume()}[Ar](t,e){let i=f(external_node_path_namespaceObject.relative(this.cwd,external_node_path_namespaceObject.resolve(external_node_path_namespaceObject.dirname(String(t.absolute)),String(t.linkpath)))).split("/");this[Re](t,this.cwd,i,()=>this[gi](t,String(t.linkpath),"symlink",e),r=>{this[O](r,t),e()})}[Ir](t,e){let i=f(external_node_path_namespaceObject.resolve(this.cwd,String(t.linkpath))),r=f(String(t.linkpath)).split("/");this[Re](t,this.cwd,r,()=>this[gi](t,i,"link",e),n=>{this[O](n,t),e()})}[Re](t,e,i,r,n){let o=i.shift();if(this.preservePaths||o===void 0)return r();let h=external_node_path_namespaceObject.resolve(e,o);external_node_fs_namespaceObject.lstat(h,(a,l)=>{if(a)return r();if(l?.isSymbolicLink())return n(new St(h,external_node_path_namespaceObject.resolve(h,i.join("/"))));this[Re](t,h,i,r,n)})}[kr](){this[Ri]++}[$t](){this[Ri]--,this[bs]()}[Ls](t){this[$t](),t.resume()}[Os](t,e){return t.type==="File"&&!this.unlink&&e.isFile()&&e.nlink<=1&&!Te}[_s](t){this[kr]();let e=[t.path];t.linkpath&&e.push(t.linkpath),this.reservations.reserve(e,i=>this[Nr](t,i))}[Nr](t,e){let i=h=>{e(h)},r=()=>{this[yt](this.cwd,this.dmode,h=>{if(h){this[O](h,t),i();return}this[Oe]=!0,n()})},n=()=>{if(t.absolute!==this.cwd){let h=f(external_node_path_namespaceObject.dirname(String(t.absolute)));if(h!==this.cwd)return this[yt](h,this.dmode,a=>{if(a){this[O](a,t),i();return}o()})}o()},o=()=>{external_node_fs_namespaceObject.lstat(String(t.absolute),(h,a)=>{if(a&&(this.keep||this.newer&&a.mtime>(t.mtime??a.mtime))){this[Ls](t),i();return}if(h||this[Os](t,a))return this[P](null,t,i);if(a.isDirectory()){if(t.type==="Directory"){let l=this.chmod&&t.mode&&(a.mode&4095)!==t.mode,c=d=>this[P](d??null,t,i);return l?external_node_fs_namespaceObject.chmod(String(t.absolute),Number(t.mode),c):c()}if(t.absolute!==this.cwd)return external_node_fs_namespaceObject.rmdir(String(t.absolute),l=>this[P](l??null,t,i))}if(t.absolute===this.cwd)return this[P](null,t,i);mo(String(t.absolute),l=>this[P](l??null,t,i))})};this[Oe]?n():r()}[P](t,e,i){if(t){this[O](t,e),i();return}switch(e.type){case"File":case"OldFile":case"ContiguousFile":return this[Ts](e,i);case"Link":return this[Ir](e,i);case"SymbolicLink":return this[Ar](e,i);case"Directory":case"GNUDumpDir":return this[xs](e,i)}}[gi](t,e,i,r){external_node_fs_namespaceObject[i](e,String(t.absolute),n=>{n?this[O](n,t):(this[$t](),t.resume()),r()})}},ye=s=>{try{return[null,s()]}catch(t){return[t,null]}},xe=class extends Xt{sync=!0;[P](t,e){return super[P](t,e,()=>{})}[_s](t){if(!this[Oe]){let n=this[yt](this.cwd,this.dmode);if(n)return this[O](n,t);this[Oe]=!0}if(t.absolute!==this.cwd){let n=f(external_node_path_namespaceObject.dirname(String(t.absolute)));if(n!==this.cwd){let o=this[yt](n,this.dmode);if(o)return this[O](o,t)}}let[e,i]=ye(()=>external_node_fs_namespaceObject.lstatSync(String(t.absolute)));if(i&&(this.keep||this.newer&&i.mtime>(t.mtime??i.mtime)))return this[Ls](t);if(e||this[Os](t,i))return this[P](null,t);if(i.isDirectory()){if(t.type==="Directory"){let o=this.chmod&&t.mode&&(i.mode&4095)!==t.mode,[h]=o?ye(()=>{external_node_fs_namespaceObject.chmodSync(String(t.absolute),Number(t.mode))}):[];return this[P](h,t)}let[n]=ye(()=>external_node_fs_namespaceObject.rmdirSync(String(t.absolute)));this[P](n,t)}let[r]=t.absolute===this.cwd?[]:ye(()=>po(String(t.absolute)));this[P](r,t)}[Ts](t,e){let i=typeof t.mode=="number"?t.mode&4095:this.fmode,r=h=>{let a;try{external_node_fs_namespaceObject.closeSync(n)}catch(l){a=l}(h||a)&&this[O](h||a,t),e()},n;try{n=external_node_fs_namespaceObject.openSync(String(t.absolute),ms(t.size),i)}catch(h){return r(h)}let o=this.transform&&this.transform(t)||t;o!==t&&(o.on("error",h=>this[O](h,t)),t.pipe(o)),o.on("data",h=>{try{external_node_fs_namespaceObject.writeSync(n,h,0,h.length)}catch(a){r(a)}}),o.on("end",()=>{let h=null;if(t.mtime&&!this.noMtime){let a=t.atime||new Date,l=t.mtime;try{external_node_fs_namespaceObject.futimesSync(n,a,l)}catch(c){try{external_node_fs_namespaceObject.utimesSync(String(t.absolute),a,l)}catch{h=c}}}if(this[ge](t)){let a=this[be](t),l=this[_e](t);try{external_node_fs_namespaceObject.fchownSync(n,Number(a),Number(l))}catch(c){try{external_node_fs_namespaceObject.chownSync(String(t.absolute),Number(a),Number(l))}catch{h=h||c}}}r(h)})}[xs](t,e){let i=typeof t.mode=="number"?t.mode&4095:this.dmode,r=this[yt](String(t.absolute),i);if(r){this[O](r,t),e();return}if(t.mtime&&!this.noMtime)try{external_node_fs_namespaceObject.utimesSync(String(t.absolute),t.atime||new Date,t.mtime)}catch{}if(this[ge](t))try{external_node_fs_namespaceObject.chownSync(String(t.absolute),Number(this[be](t)),Number(this[_e](t)))}catch{}e(),t.resume()}[yt](t,e){try{return _r(f(t),{uid:this.uid,gid:this.gid,processUid:this.processUid,processGid:this.processGid,umask:this.processUmask,preserve:this.preservePaths,unlink:this.unlink,cwd:this.cwd,mode:e})}catch(i){return i}}[Re](t,e,i,r,n){if(this.preservePaths||i.length===0)return r();let o=e;for(let h of i){o=external_node_path_namespaceObject.resolve(o,h);let[a,l]=ye(()=>external_node_fs_namespaceObject.lstatSync(o));if(a)return r();if(l.isSymbolicLink())return n(new St(o,external_node_path_namespaceObject.resolve(e,i.join("/"))))}r()}[gi](t,e,i,r){let n=`${i}Sync`;try{external_node_fs_namespaceObject[n](e,String(t.absolute)),r(),t.resume()}catch(o){return this[O](o,t)}}};var Eo=s=>{let t=new xe(s),e=s.file,i=external_node_fs_namespaceObject.statSync(e),r=s.maxReadSize||16*1024*1024;new Be(e,{readSize:r,size:i.size}).pipe(t)},wo=(s,t)=>{let e=new Xt(s),i=s.maxReadSize||16*1024*1024,r=s.file;return new Promise((o,h)=>{e.on("error",h),e.on("close",o),external_node_fs_namespaceObject.stat(r,(a,l)=>{if(a)h(a);else{let c=new _t(r,{readSize:i,size:l.size});c.on("error",h),c.pipe(e)}})})},So=K(Eo,wo,s=>new xe(s),s=>new Xt(s),(s,t)=>{t?.length&&Qi(s,t)});var yo=(s,t)=>{let e=new kt(s),i=!0,r,n;try{try{r=external_node_fs_namespaceObject.openSync(s.file,"r+")}catch(a){if(a?.code==="ENOENT")r=external_node_fs_namespaceObject.openSync(s.file,"w+");else throw a}let o=external_node_fs_namespaceObject.fstatSync(r),h=Buffer.alloc(512);t:for(n=0;n<o.size;n+=512){for(let c=0,d=0;c<512;c+=d){if(d=external_node_fs_namespaceObject.readSync(r,h,c,h.length-c,n+c),n===0&&h[0]===31&&h[1]===139)throw new Error("cannot append to compressed archives");if(!d)break t}let a=new F(h);if(!a.cksumValid)break;let l=512*Math.ceil((a.size||0)/512);if(n+l+512>o.size)break;n+=l,s.mtimeCache&&a.mtime&&s.mtimeCache.set(String(a.path),a.mtime)}i=!1,Ro(s,e,n,r,t)}finally{if(i)try{external_node_fs_namespaceObject.closeSync(r)}catch{}}},Ro=(s,t,e,i,r)=>{let n=new Wt(s.file,{fd:i,start:e});t.pipe(n),bo(t,r)},go=(s,t)=>{t=Array.from(t);let e=new wt(s),i=(n,o,h)=>{let a=(T,D)=>{T?external_node_fs_namespaceObject.close(n,E=>h(T)):h(null,D)},l=0;if(o===0)return a(null,0);let c=0,d=Buffer.alloc(512),y=(T,D)=>{if(T||D===void 0)return a(T);if(c+=D,c<512&&D)return external_node_fs_namespaceObject.read(n,d,c,d.length-c,l+c,y);if(l===0&&d[0]===31&&d[1]===139)return a(new Error("cannot append to compressed archives"));if(c<512)return a(null,l);let E=new F(d);if(!E.cksumValid)return a(null,l);let x=512*Math.ceil((E.size??0)/512);if(l+x+512>o||(l+=x+512,l>=o))return a(null,l);s.mtimeCache&&E.mtime&&s.mtimeCache.set(String(E.path),E.mtime),c=0,external_node_fs_namespaceObject.read(n,d,0,512,l,y)};external_node_fs_namespaceObject.read(n,d,0,512,l,y)};return new Promise((n,o)=>{e.on("error",o);let h="r+",a=(l,c)=>{if(l&&l.code==="ENOENT"&&h==="r+")return h="w+",external_node_fs_namespaceObject.open(s.file,h,a);if(l||!c)return o(l);external_node_fs_namespaceObject.fstat(c,(d,y)=>{if(d)return external_node_fs_namespaceObject.close(c,()=>o(d));i(c,y.size,(T,D)=>{if(T)return o(T);let E=new et(s.file,{fd:c,start:D});e.pipe(E),E.on("error",o),E.on("close",n),_o(e,t)})})};external_node_fs_namespaceObject.open(s.file,h,a)})},bo=(s,t)=>{t.forEach(e=>{e.charAt(0)==="@"?Ct({file:external_node_path_namespaceObject.resolve(s.cwd,e.slice(1)),sync:!0,noResume:!0,onReadEntry:i=>s.add(i)}):s.add(e)}),s.end()},_o=async(s,t)=>{for(let e of t)e.charAt(0)==="@"?await Ct({file:external_node_path_namespaceObject.resolve(String(s.cwd),e.slice(1)),noResume:!0,onReadEntry:i=>s.add(i)}):s.add(e);s.end()},vt=K(yo,go,()=>{throw new TypeError("file is required")},()=>{throw new TypeError("file is required")},(s,t)=>{if(!Bs(s))throw new TypeError("file is required");if(s.gzip||s.brotli||s.zstd||s.file.endsWith(".br")||s.file.endsWith(".tbr"))throw new TypeError("cannot append to compressed archives");if(!t?.length)throw new TypeError("no paths specified to add/replace")});var Oo=K(vt.syncFile,vt.asyncFile,vt.syncNoFile,vt.asyncNoFile,(s,t=[])=>{vt.validate?.(s,t),To(s)}),To=s=>{let t=s.filter;s.mtimeCache||(s.mtimeCache=new Map),s.filter=t?(e,i)=>t(e,i)&&!((s.mtimeCache?.get(e)??i.mtime??0)>(i.mtime??0)):(e,i)=>!((s.mtimeCache?.get(e)??i.mtime??0)>(i.mtime??0))};
//# sourceMappingURL=index.min.js.map

;// CONCATENATED MODULE: ./src/cache/remove-tree.ts
// Removes a build's scratch tree even when the build left directories without write or
// search permission (the owner may always restore them).


function removeTree(directory) {
    try {
        external_node_fs_default().rmSync(directory, { recursive: true, force: true });
        return;
    }
    catch (error) {
        const code = error.code;
        if (code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOTEMPTY')
            throw error;
    }
    makeRemovable(directory);
    external_node_fs_default().rmSync(directory, { recursive: true, force: true });
}
function makeRemovable(directory) {
    try {
        external_node_fs_default().chmodSync(directory, 0o700);
    }
    catch {
        return;
    }
    for (const entry of external_node_fs_default().readdirSync(directory, { withFileTypes: true })) {
        if (entry.isDirectory())
            makeRemovable(external_node_path_default().join(directory, entry.name));
    }
}
/** removeTree off the main thread's critical path: the caller awaits it when it must be gone. */
async function removeTreeAsync(directory) {
    try {
        await external_node_fs_default().promises.rm(directory, { recursive: true, force: true });
    }
    catch {
        removeTree(directory);
    }
}

;// CONCATENATED MODULE: ./src/cache/directory-message.ts
// Reads REAPI `Directory` messages back (the encoder lives in directory-digest.ts), so trees
// stored in the content store can be walked, staged and checked. Only the fields Cairn writes
// are kept; unknown fields are skipped as protobuf allows.
class ProtoReader {
    buf;
    pos = 0;
    constructor(buf) {
        this.buf = buf;
    }
    get done() {
        return this.pos >= this.buf.length;
    }
    varint() {
        let result = 0;
        let shift = 1;
        for (;;) {
            if (this.pos >= this.buf.length)
                throw new Error('truncated varint in Directory message');
            const byte = this.buf[this.pos++];
            result += (byte & 0x7f) * shift;
            if ((byte & 0x80) === 0)
                return result;
            shift *= 128;
            if (shift > 2 ** 63)
                throw new Error('varint too long in Directory message');
        }
    }
    bytes() {
        const length = this.varint();
        const end = this.pos + length;
        if (end > this.buf.length)
            throw new Error('truncated field in Directory message');
        const out = this.buf.subarray(this.pos, end);
        this.pos = end;
        return out;
    }
    skip(wire) {
        if (wire === 0)
            this.varint();
        else if (wire === 2)
            this.bytes();
        else if (wire === 1)
            this.pos += 8;
        else if (wire === 5)
            this.pos += 4;
        else
            throw new Error(`unsupported wire type ${wire} in Directory message`);
    }
    /** Calls `field(number, wire)` for each field; the callback consumes the value or returns false to skip it. */
    each(field) {
        while (!this.done) {
            const tag = this.varint();
            const number = Math.floor(tag / 8);
            const wire = tag & 7;
            if (!field(number, wire))
                this.skip(wire);
        }
    }
}
const utf8 = new TextDecoder('utf-8', { fatal: true });
function readDigest(buf) {
    let hash = '';
    let sizeBytes = 0;
    const r = new ProtoReader(buf);
    r.each((n, wire) => {
        if (n === 1 && wire === 2)
            hash = utf8.decode(r.bytes());
        else if (n === 2 && wire === 0)
            sizeBytes = r.varint();
        else
            return false;
        return true;
    });
    return { hash, sizeBytes };
}
/** NodeProperties.unix_mode (field 3, a UInt32Value), if present. */
function readUnixMode(buf) {
    let mode;
    const r = new ProtoReader(buf);
    r.each((n, wire) => {
        if (n !== 3 || wire !== 2)
            return false;
        const inner = new ProtoReader(r.bytes());
        mode = 0;
        inner.each((m, w) => {
            if (m !== 1 || w !== 0)
                return false;
            mode = inner.varint() & 0o7777;
            return true;
        });
        return true;
    });
    return mode;
}
function readNode(buf, group) {
    let name = '';
    let digest = { hash: '', sizeBytes: 0 };
    let target = '';
    let isExecutable = false;
    let mode;
    const r = new ProtoReader(buf);
    r.each((n, wire) => {
        if (n === 1 && wire === 2)
            name = utf8.decode(r.bytes());
        else if (n === 2 && wire === 2 && group !== 3)
            digest = readDigest(r.bytes());
        else if (n === 2 && wire === 2)
            target = utf8.decode(r.bytes());
        else if (n === 4 && wire === 0 && group === 1)
            isExecutable = r.varint() !== 0;
        else if (n === 6 && wire === 2 && group === 1)
            mode = readUnixMode(r.bytes());
        else
            return false;
        return true;
    });
    if (group === 1)
        return mode === undefined ? { kind: 'file', name, digest, isExecutable } : { kind: 'file', name, digest, isExecutable, mode };
    if (group === 2)
        return { kind: 'directory', name, digest };
    return { kind: 'symlink', name, target };
}
/** The entries of a serialized `Directory`, files then directories then symlinks, as stored. */
function decodeDirectory(buf) {
    const children = [];
    const r = new ProtoReader(buf);
    r.each((n, wire) => {
        if (wire !== 2 || n < 1 || n > 3)
            return false;
        children.push(readNode(r.bytes(), n));
        return true;
    });
    for (const child of children) {
        // A name that could climb out of the staging directory is corruption, never data.
        if (child.name === '' || child.name === '.' || child.name === '..' || child.name.includes('/') || child.name.includes('\0')) {
            throw new Error(`invalid entry name ${JSON.stringify(child.name)} in Directory message`);
        }
    }
    return children;
}

;// CONCATENATED MODULE: ./src/cache/directory-digest.ts
// REAPI `Directory` digests of file trees, encoded the way BuildStream 2 / buildbox-casd store them,
// which is what a `local` source contributes to cache keys (hand-written protobuf, no dependency).




// ---------------------------------------------------------------------------------------------
// Minimal protobuf writer (only what REAPI Directory needs: varints and length-delimited fields).
const WIRE_VARINT = 0;
const WIRE_LEN = 2;
class ProtoWriter {
    buf = Buffer.allocUnsafe(256);
    pos = 0;
    ensure(extra) {
        if (this.pos + extra <= this.buf.length)
            return;
        let size = this.buf.length * 2;
        while (size < this.pos + extra)
            size *= 2;
        const next = Buffer.allocUnsafe(size);
        this.buf.copy(next, 0, 0, this.pos);
        this.buf = next;
    }
    /** Unsigned varint; exact for any non-negative safe integer (no 32-bit bitwise truncation). */
    varint(value) {
        if (!Number.isSafeInteger(value) || value < 0) {
            throw new RangeError(`protobuf varint out of range: ${value}`);
        }
        this.ensure(10);
        let n = value;
        while (n >= 0x80) {
            this.buf[this.pos++] = (n % 0x80) | 0x80;
            n = Math.floor(n / 0x80);
        }
        this.buf[this.pos++] = n;
    }
    tag(field, wireType) {
        this.varint(field * 8 + wireType);
    }
    /** Length-delimited field (bytes, string or an embedded message), always written. */
    bytes(field, data) {
        this.tag(field, WIRE_LEN);
        this.varint(data.length);
        this.ensure(data.length);
        this.buf.set(data, this.pos);
        this.pos += data.length;
    }
    /** proto3 string: omitted when empty. */
    string(field, value) {
        const data = typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
        if (data.length > 0)
            this.bytes(field, data);
    }
    /** proto3 int64/uint64: omitted when zero. */
    uint(field, value) {
        if (value === 0)
            return;
        this.tag(field, WIRE_VARINT);
        this.varint(value);
    }
    /** proto3 bool: omitted when false. */
    bool(field, value) {
        if (!value)
            return;
        this.tag(field, WIRE_VARINT);
        this.varint(1);
    }
    finish() {
        return this.buf.subarray(0, this.pos);
    }
}
// ---------------------------------------------------------------------------------------------
// Directory message encoding.
/** Digest of a blob: lowercase hex SHA-256 and its length. */
function blobDigest(data) {
    return { hash: (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex'), sizeBytes: data.length };
}
function encodeDigest(digest) {
    const w = new ProtoWriter();
    w.string(1, digest.hash);
    w.uint(2, digest.sizeBytes);
    return w.finish();
}
/**
 * Serialize a REAPI `Directory` message: files (field 1), then directories (2), then symlinks
 * (3), each group sorted by name bytes (the same order as Python's sort of `str` names). No
 * node_properties are written. Duplicate names are rejected.
 */
function encodeDirectory(children) {
    const named = children.map((child) => ({ nameBytes: Buffer.from(child.name, 'utf8'), child }));
    named.sort((a, b) => Buffer.compare(a.nameBytes, b.nameBytes));
    for (let i = 1; i < named.length; i++) {
        const prev = named[i - 1];
        const cur = named[i];
        if (prev.nameBytes.equals(cur.nameBytes)) {
            throw new Error(`duplicate directory entry name: ${JSON.stringify(cur.child.name)}`);
        }
    }
    const w = new ProtoWriter();
    for (const { nameBytes, child } of named) {
        if (child.kind !== 'file')
            continue;
        const node = new ProtoWriter();
        node.string(1, nameBytes);
        node.bytes(2, encodeDigest(child.digest));
        node.bool(4, child.isExecutable);
        if (child.mode !== undefined) {
            // NodeProperties { unix_mode (3): UInt32Value { value (1) } }
            const value = new ProtoWriter();
            value.uint(1, child.mode);
            const properties = new ProtoWriter();
            properties.bytes(3, value.finish());
            node.bytes(6, properties.finish());
        }
        w.bytes(1, node.finish());
    }
    for (const { nameBytes, child } of named) {
        if (child.kind !== 'directory')
            continue;
        const node = new ProtoWriter();
        node.string(1, nameBytes);
        node.bytes(2, encodeDigest(child.digest));
        w.bytes(2, node.finish());
    }
    for (const { nameBytes, child } of named) {
        if (child.kind !== 'symlink')
            continue;
        const node = new ProtoWriter();
        node.string(1, nameBytes);
        node.string(2, child.target);
        w.bytes(3, node.finish());
    }
    return w.finish();
}
/** Digest of the serialized `Directory` message for these children. */
function directoryMessageDigest(children) {
    return blobDigest(encodeDirectory(children));
}
/** Digest of an in-memory tree (the root is the directory holding `tree`'s entries). */
function treeDigest(tree) {
    const children = [];
    for (const [name, entry] of Object.entries(tree)) {
        switch (entry.kind) {
            case 'file': {
                const data = typeof entry.contents === 'string' ? Buffer.from(entry.contents, 'utf8') : entry.contents;
                children.push({ kind: 'file', name, digest: blobDigest(data), isExecutable: entry.executable === true });
                break;
            }
            case 'symlink':
                children.push({ kind: 'symlink', name, target: entry.target });
                break;
            case 'directory':
                children.push({ kind: 'directory', name, digest: treeDigest(entry.entries) });
                break;
        }
    }
    return directoryMessageDigest(children);
}
// ---------------------------------------------------------------------------------------------
// Directory trees on disk.
//
// Mirrors BuildStream's LocalSource: a directory (not a symlink to one) is captured recursively;
// anything else is imported as a one-entry root directory named by its basename. Inside the
// tree, symlinks are recorded (target text, never followed), a regular file is executable iff
// its owner-execute bit is set, mtimes and other metadata are ignored, and special files
// (sockets, FIFOs, devices) are skipped. For the single-file case BuildStream itself decides
// executability with os.access(path, X_OK), so that is what is used there.
const CHUNK_SIZE = 1 << 20;
const S_IXUSR = 0o100;
let sharedChunk;
function hashFileSync(path) {
    const fd = (0,external_node_fs_namespaceObject.openSync)(path, 'r');
    try {
        const st = (0,external_node_fs_namespaceObject.fstatSync)(fd);
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        const chunk = (sharedChunk ??= Buffer.allocUnsafe(CHUNK_SIZE));
        let total = 0;
        for (;;) {
            // Stop at the size fstat reported so that tiny files need a single read() call.
            const want = st.size > total ? Math.min(CHUNK_SIZE, st.size - total) : CHUNK_SIZE;
            const n = (0,external_node_fs_namespaceObject.readSync)(fd, chunk, 0, want, null);
            if (n === 0)
                break;
            hash.update(chunk.subarray(0, n));
            total += n;
            if (total === st.size)
                break;
        }
        return { digest: { hash: hash.digest('hex'), sizeBytes: total }, mode: st.mode };
    }
    finally {
        (0,external_node_fs_namespaceObject.closeSync)(fd);
    }
}
function childSync(dirPath, entry) {
    const path = (0,external_node_path_namespaceObject.join)(dirPath, entry.name);
    if (entry.isDirectory()) {
        return { kind: 'directory', name: entry.name, digest: dirDigestSync(path) };
    }
    if (entry.isSymbolicLink()) {
        return { kind: 'symlink', name: entry.name, target: (0,external_node_fs_namespaceObject.readlinkSync)(path, 'utf8') };
    }
    if (entry.isFile()) {
        const { digest, mode } = hashFileSync(path);
        return { kind: 'file', name: entry.name, digest, isExecutable: (mode & S_IXUSR) !== 0 };
    }
    return undefined;
}
function dirDigestSync(dirPath) {
    const children = [];
    for (const entry of (0,external_node_fs_namespaceObject.readdirSync)(dirPath, { withFileTypes: true })) {
        const child = childSync(dirPath, entry);
        if (child)
            children.push(child);
    }
    return directoryMessageDigest(children);
}
function isAccessibleSync(path, mode) {
    try {
        (0,external_node_fs_namespaceObject.accessSync)(path, mode);
        return true;
    }
    catch {
        return false;
    }
}
function singleFileError(path) {
    return new Error(`cannot import ${path}: not a directory or regular file`);
}
/** Synchronous `directoryDigest` (see there). */
function directoryDigestSync(path) {
    if ((0,external_node_fs_namespaceObject.lstatSync)(path).isDirectory())
        return dirDigestSync(path);
    if (!(0,external_node_fs_namespaceObject.statSync)(path).isFile())
        throw singleFileError(path);
    const { digest } = hashFileSync(path);
    const isExecutable = isAccessibleSync(path, external_node_fs_namespaceObject.constants.X_OK);
    return directoryMessageDigest([{ kind: 'file', name: (0,external_node_path_namespaceObject.basename)(path), digest, isExecutable }]);
}
// Async variant. File reads go through a small concurrency limit so that wide trees cannot
// exhaust file descriptors.
const MAX_OPEN_FILES = 64;
let openFiles = 0;
const waiters = (/* unused pure expression or super */ null && ([]));
async function withFileSlot(fn) {
    if (openFiles >= MAX_OPEN_FILES) {
        await new Promise((resolve) => waiters.push(resolve));
    }
    else {
        openFiles++;
    }
    try {
        return await fn();
    }
    finally {
        const next = waiters.shift();
        if (next)
            next();
        else
            openFiles--;
    }
}
async function hashFile(path) {
    return withFileSlot(async () => {
        const handle = await open(path, 'r');
        try {
            const st = await handle.stat();
            const hash = createHash('sha256');
            const chunk = Buffer.allocUnsafe(Math.min(CHUNK_SIZE, Math.max(st.size, 1)));
            let total = 0;
            for (;;) {
                const want = st.size > total ? Math.min(chunk.length, st.size - total) : chunk.length;
                const { bytesRead } = await handle.read(chunk, 0, want, null);
                if (bytesRead === 0)
                    break;
                hash.update(chunk.subarray(0, bytesRead));
                total += bytesRead;
                if (total === st.size)
                    break;
            }
            return { digest: { hash: hash.digest('hex'), sizeBytes: total }, mode: st.mode };
        }
        finally {
            await handle.close();
        }
    });
}
async function childAsync(dirPath, entry) {
    const path = join(dirPath, entry.name);
    if (entry.isDirectory()) {
        return { kind: 'directory', name: entry.name, digest: await dirDigestAsync(path) };
    }
    if (entry.isSymbolicLink()) {
        return { kind: 'symlink', name: entry.name, target: await readlink(path, 'utf8') };
    }
    if (entry.isFile()) {
        const { digest, mode } = await hashFile(path);
        return { kind: 'file', name: entry.name, digest, isExecutable: (mode & S_IXUSR) !== 0 };
    }
    return undefined;
}
async function dirDigestAsync(dirPath) {
    const entries = await readdir(dirPath, { withFileTypes: true });
    const children = await Promise.all(entries.map((entry) => childAsync(dirPath, entry)));
    return directoryMessageDigest(children.filter((c) => c !== undefined));
}
/**
 * Digest of the REAPI `Directory` BuildStream 2 builds when importing `path` (a `local` source's
 * unique key is its `hash`). A path that is not a directory is imported as a directory holding
 * just that file, under its basename.
 */
async function directoryDigest(path) {
    if ((await lstat(path)).isDirectory())
        return dirDigestAsync(path);
    if (!(await stat(path)).isFile())
        throw singleFileError(path);
    const { digest } = await hashFile(path);
    let isExecutable = true;
    try {
        await access(path, fsConstants.X_OK);
    }
    catch {
        isExecutable = false;
    }
    return directoryMessageDigest([{ kind: 'file', name: basename(path), digest, isExecutable }]);
}
/** The mode a file's executable bit implies when no other mode is recorded. */
function defaultFileMode(isExecutable) {
    return isExecutable ? 0o755 : 0o644;
}

;// CONCATENATED MODULE: ./src/cache/content-store.ts
// The content-addressed store: files by the sha256 of their bytes, directories as REAPI
// `Directory` messages stored the same way. Every object is written to a temporary name and
// renamed into place, so a reader never sees half an object; once in place an object is
// never written again. It knows nothing of elements or artifacts.





/** Every object carries this mtime (BuildStream's SOURCE_DATE_EPOCH), so staged trees are reproducible. */
const OBJECT_MTIME = 1321009871;
const SMALL_FILE = 1 << 20;
/** Yield to the event loop this often during long synchronous walks, so aborts and other jobs proceed. */
const YIELD_EVERY = 256;
class ContentStore {
    root;
    objects;
    tmp;
    links;
    /** Symlink objects known to exist (they are never removed while a process runs). */
    knownLinks = new Set();
    /** Decoded directories; objects never change, so this cache never goes stale. */
    directories = new Map();
    knownDirs = new Set();
    constructor(root) {
        this.root = root;
        this.objects = external_node_path_default().join(root, 'objects');
        this.tmp = external_node_path_default().join(root, 'tmp');
        this.links = external_node_path_default().join(root, 'links');
        external_node_fs_default().mkdirSync(this.objects, { recursive: true });
        external_node_fs_default().mkdirSync(this.tmp, { recursive: true });
    }
    /** Where a file object lives; executable content is its own object (mode 0755, else 0644) so it can be hard-linked with its mode. */
    objectPath(hash, executable = false) {
        // Plain concatenation: this runs once per staged file.
        return `${this.objects}/${hash.slice(0, 2)}/${hash.slice(2)}${executable ? 'x' : ''}`;
    }
    /**
     * A symlink with this target, kept in the store so staging can hard-link it: on Linux a
     * hard link to a symlink is another name for the same small inode, which is about twice as
     * quick to make as a new symlink. They hold no data of their own, so they are not objects:
     * garbage collection and `cache check` leave them alone.
     */
    symlinkObject(target) {
        const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256').update(target).digest('hex');
        const file = `${this.links}/${hash.slice(0, 2)}/${hash.slice(2)}`;
        if (this.knownLinks.has(file))
            return file;
        if (!external_node_fs_default().existsSync(file)) {
            external_node_fs_default().mkdirSync(external_node_path_default().dirname(file), { recursive: true });
            const temporary = this.temporaryPath('link');
            external_node_fs_default().symlinkSync(target, temporary);
            external_node_fs_default().renameSync(temporary, file);
        }
        this.knownLinks.add(file);
        return file;
    }
    has(hash, executable = false) {
        return external_node_fs_default().existsSync(this.objectPath(hash, executable));
    }
    /** A fresh temporary path on the store's filesystem. */
    temporaryPath(label = 'tmp') {
        return external_node_path_default().join(this.tmp, `${label}-${process.pid}-${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}`);
    }
    putBytes(data, executable = false) {
        const digest = { hash: (0,external_node_crypto_namespaceObject.createHash)('sha256').update(data).digest('hex'), sizeBytes: data.length };
        if (this.refresh(digest.hash, executable))
            return digest;
        const temporary = this.temporaryPath('blob');
        external_node_fs_default().writeFileSync(temporary, data, { mode: 0o600 });
        this.publish(temporary, digest.hash, executable);
        return digest;
    }
    readBytes(hash) {
        try {
            return external_node_fs_default().readFileSync(this.objectPath(hash));
        }
        catch (error) {
            if (isMissing(error))
                return external_node_fs_default().readFileSync(this.objectPath(hash, true));
            throw error;
        }
    }
    putDirectoryMessage(children) {
        const digest = this.putBytes(encodeDirectory(children));
        this.directories.set(digest.hash, children);
        return digest;
    }
    readDirectory(hash) {
        let children = this.directories.get(hash);
        if (!children) {
            children = decodeDirectory(this.readBytes(hash));
            this.directories.set(hash, children);
        }
        return children;
    }
    /**
     * Stores one file. With `move` the file itself is renamed into the store when the object is
     * new (the caller gives up the path); otherwise its bytes are copied.
     */
    putFile(file, options) {
        const digest = content_store_hashFileSync(file);
        if (this.refresh(digest.hash, options.executable))
            return digest;
        let temporary = file;
        if (!options.move) {
            temporary = this.temporaryPath('file');
            external_node_fs_default().copyFileSync(file, temporary);
        }
        this.publish(temporary, digest.hash, options.executable);
        return digest;
    }
    /** Ingests a directory tree and returns its root digest. With `move`, files are renamed into the store. */
    async putDirectory(directory, options) {
        const select = options.select;
        const state = { files: 0, bytes: 0, steps: 0, skipped: [] };
        const walk = async (absolute, relative) => {
            const children = [];
            for (const entry of external_node_fs_default().readdirSync(absolute, { withFileTypes: true })) {
                const full = external_node_path_default().join(absolute, entry.name);
                const rel = relative ? `${relative}/${entry.name}` : entry.name;
                if (++state.steps % YIELD_EVERY === 0)
                    await yieldToEventLoop();
                if (entry.isDirectory()) {
                    const digest = await walk(full, rel);
                    // With a selection, a directory stays when something in it was kept or it is selected itself.
                    if (select && digest.sizeBytes === 0 && !select(`/${rel}`))
                        continue;
                    children.push({ kind: 'directory', name: entry.name, digest });
                }
                else if (select && !select(`/${rel}`)) {
                    continue;
                }
                else if (entry.isSymbolicLink()) {
                    children.push({ kind: 'symlink', name: entry.name, target: external_node_fs_default().readlinkSync(full, 'utf8') });
                }
                else if (entry.isFile()) {
                    const stat = external_node_fs_default().statSync(full);
                    // A build may leave files it cannot read back (mode 000); the owner may always fix that.
                    if ((stat.mode & 0o400) === 0)
                        external_node_fs_default().chmodSync(full, stat.mode | 0o400);
                    const executable = (stat.mode & 0o100) !== 0;
                    const permissions = stat.mode & 0o7777;
                    const digest = this.putFile(full, { move: options.move, executable });
                    state.files++;
                    state.bytes += digest.sizeBytes;
                    // The usual modes are implied by the executable bit; anything else is kept as a property.
                    children.push(permissions === defaultFileMode(executable)
                        ? { kind: 'file', name: entry.name, digest, isExecutable: executable }
                        : { kind: 'file', name: entry.name, digest, isExecutable: executable, mode: permissions });
                }
                else {
                    state.skipped.push(rel);
                }
            }
            return this.putDirectoryMessage(children);
        };
        const digest = await walk(directory, '');
        return { digest, files: state.files, bytes: state.bytes, skipped: state.skipped };
    }
    /** The digest of an empty directory, stored. */
    emptyDirectory() {
        return this.putDirectoryMessage([]);
    }
    /** Every object file in the store, with the hash its name claims and whether it is the executable variant. */
    *listObjects() {
        for (const prefix of safeReaddir(this.objects)) {
            if (!/^[0-9a-f]{2}$/.test(prefix))
                continue;
            for (const name of safeReaddir(external_node_path_default().join(this.objects, prefix))) {
                const executable = name.endsWith('x');
                const rest = executable ? name.slice(0, -1) : name;
                yield { path: external_node_path_default().join(this.objects, prefix, name), hash: prefix + rest, executable };
            }
        }
    }
    /**
     * Whether the object exists; if so its ctime is renewed, which tells garbage collection in
     * another process that the object was just stored again and must not go.
     */
    refresh(hash, executable) {
        try {
            external_node_fs_default().utimesSync(this.objectPath(hash, executable), OBJECT_MTIME, OBJECT_MTIME);
            return true;
        }
        catch (error) {
            if (isMissing(error))
                return false;
            throw error;
        }
    }
    publish(temporary, hash, executable) {
        // Owner-writable on purpose: builds run as an unprivileged root that must be able to modify
        // staged files copy-on-write (through the sandbox's overlay), as in BuildStream's sandboxes.
        // Objects stay unchanged because nothing ever writes through them: sandboxes see them only
        // through read-only mounts, an overlay, or private copies.
        external_node_fs_default().chmodSync(temporary, executable ? 0o755 : 0o644);
        external_node_fs_default().utimesSync(temporary, OBJECT_MTIME, OBJECT_MTIME);
        const final = this.objectPath(hash, executable);
        const dir = external_node_path_default().dirname(final);
        if (!this.knownDirs.has(dir)) {
            external_node_fs_default().mkdirSync(dir, { recursive: true });
            this.knownDirs.add(dir);
        }
        // rename() replaces atomically: a concurrent writer of the same object writes the same bytes.
        external_node_fs_default().renameSync(temporary, final);
    }
}
function content_store_hashFileSync(file) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    const fd = external_node_fs_default().openSync(file, 'r');
    try {
        const size = external_node_fs_default().fstatSync(fd).size;
        if (size <= SMALL_FILE) {
            const data = external_node_fs_default().readFileSync(fd);
            hash.update(data);
            return { hash: hash.digest('hex'), sizeBytes: data.length };
        }
        const chunk = Buffer.allocUnsafe(SMALL_FILE);
        let total = 0;
        for (;;) {
            const read = external_node_fs_default().readSync(fd, chunk, 0, chunk.length, null);
            if (read === 0)
                break;
            hash.update(chunk.subarray(0, read));
            total += read;
        }
        return { hash: hash.digest('hex'), sizeBytes: total };
    }
    finally {
        external_node_fs_default().closeSync(fd);
    }
}
function safeReaddir(dir) {
    try {
        return external_node_fs_default().readdirSync(dir);
    }
    catch (error) {
        if (isMissing(error))
            return [];
        throw error;
    }
}
function isMissing(error) {
    return error?.code === 'ENOENT';
}
function yieldToEventLoop() {
    return new Promise((resolve) => setImmediate(resolve));
}

;// CONCATENATED MODULE: ./src/cache/staging.ts
// Stages artifact trees into a directory the way BuildStream stages dependencies: in order,
// later trees over earlier ones, directories merged, a file replacing a file (an overlap),
// never a file replacing a non-empty directory (ignored), and a directory never staged over a
// file or symlink (an error). The merge happens in memory first, so overlaps are known before
// anything is written, and only the final tree touches the disk: hard links into the content
// store (the sandbox keeps them from being written through) or copies.
//
// A directory that only one layer brings is kept as a reference to its stored tree and only
// expanded when a later layer merges into it, so staging costs work in proportion to what
// overlaps, and writing out a tree is one pass over its stored directories.





class StagingArea {
    store;
    root = { kind: 'directory', children: new Map(), stored: undefined };
    layers = [];
    /** Paths written by more than one layer, with the layers in order. */
    writers = new Map();
    ignored = [];
    constructor(store) {
        this.store = store;
    }
    add(layer) {
        const index = this.layers.push(layer) - 1;
        const target = this.openDirectory(layer.location, layer.name);
        this.merge(target, layer.tree, normalise(layer.location), index);
    }
    report() {
        const overlaps = [];
        for (const [file, writers] of this.writers) {
            // A path is reported when a layer that is not allowed to overwrite it did so.
            const offenders = writers.slice(1).filter((i) => !(this.layers[i].mayOverwrite?.(file) ?? false));
            if (offenders.length > 0)
                overlaps.push({ path: file, writers: writers.map((i) => this.layers[i].name) });
        }
        overlaps.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
        return { overlaps, ignored: this.ignored };
    }
    /** Every staged path (directories included), absolute, for split rules. */
    paths() {
        const out = [];
        this.visit(this.root, '', (p) => {
            out.push(p);
            return true;
        });
        return out;
    }
    /**
     * Writes the merged tree under `target` (which must exist). `link` hard-links store objects
     * (inodes shared with the store, which the sandbox never lets a build write through); `copy`
     * writes private files. `select`, when given, keeps only the absolute paths it accepts (and
     * the directories above them). Returns the number of files and symlinks written.
     */
    async materialize(target, how, select) {
        const state = { written: 0, steps: 0 };
        await this.write(this.root, target, '', how, select, state);
        return state.written;
    }
    /** The merged tree, stored, keeping only the absolute paths `keep` accepts (and directories above them). */
    toTree(keep) {
        const build = (dir, prefix) => {
            const children = [];
            for (const [name, node] of this.entries(dir)) {
                const p = `${prefix}/${name}`;
                if (node.kind === 'directory') {
                    const digest = build(node, p);
                    if (digest.sizeBytes > 0 || keep(p))
                        children.push({ kind: 'directory', name, digest });
                }
                else if (keep(p)) {
                    children.push(node.kind === 'file'
                        ? {
                            kind: 'file',
                            name,
                            digest: { hash: node.hash, sizeBytes: node.size },
                            isExecutable: node.executable,
                            ...(node.mode !== undefined ? { mode: node.mode } : {}),
                        }
                        : { kind: 'symlink', name, target: node.target });
                }
            }
            return this.store.putDirectoryMessage(children);
        };
        return build(this.root, '');
    }
    // -------------------------------------------------------------------------------------------
    /** A directory's entries without expanding it: a stored directory is read, not copied into maps. */
    *entries(dir) {
        if (dir.children) {
            yield* dir.children;
            return;
        }
        const { digest, owner } = dir.stored;
        for (const child of this.store.readDirectory(digest.hash))
            yield [child.name, nodeOf(child, owner)];
    }
    expand(dir) {
        if (!dir.children) {
            const { digest, owner } = dir.stored;
            dir.children = new Map(this.store.readDirectory(digest.hash).map((child) => [child.name, nodeOf(child, owner)]));
            dir.stored = undefined;
        }
        return dir.children;
    }
    visit(dir, prefix, visitor) {
        for (const [name, node] of this.entries(dir)) {
            const p = `${prefix}/${name}`;
            if (visitor(p, node) && node.kind === 'directory')
                this.visit(node, p, visitor);
        }
    }
    async write(dir, host, prefix, how, select, state) {
        let any = false;
        for (const [name, node] of this.entries(dir)) {
            const p = `${prefix}/${name}`;
            const dest = `${host}/${name}`;
            // Yield now and then so that signals and other jobs are not starved by a large tree.
            if (++state.steps % 1024 === 0)
                await new Promise((resolve) => setImmediate(resolve));
            if (node.kind === 'directory') {
                const keepWhole = select === undefined || select(p);
                mkdirIfMissing(dest);
                const kept = await this.write(node, dest, p, how, select, state);
                if (!kept && !keepWhole)
                    external_node_fs_default().rmdirSync(dest);
                else
                    any = true;
                continue;
            }
            if (select && !select(p))
                continue;
            any = true;
            state.written++;
            if (node.kind === 'symlink') {
                if (how === 'link')
                    linkOr(this.store.symlinkObject(node.target), dest, () => external_node_fs_default().symlinkSync(node.target, dest));
                else
                    external_node_fs_default().symlinkSync(node.target, dest);
            }
            else if (how === 'link' && node.mode === undefined) {
                linkOr(this.store.objectPath(node.hash, node.executable), dest, () => this.copyObject(node.hash, node.executable, undefined, dest));
            }
            else {
                // A file with a mode of its own (setuid, private, read-only) gets its own inode.
                this.copyObject(node.hash, node.executable, node.mode, dest);
            }
        }
        return any;
    }
    copyObject(hash, executable, mode, dest) {
        external_node_fs_default().copyFileSync(this.store.objectPath(hash, executable), dest, (external_node_fs_default()).constants.COPYFILE_FICLONE);
        external_node_fs_default().chmodSync(dest, mode ?? defaultFileMode(executable));
        external_node_fs_default().utimesSync(dest, OBJECT_MTIME, OBJECT_MTIME);
    }
    openDirectory(location, layer) {
        let dir = this.root;
        let sofar = '';
        for (const part of normalise(location).split('/').filter(Boolean)) {
            sofar += `/${part}`;
            const children = this.expand(dir);
            const existing = children.get(part);
            if (!existing) {
                const created = { kind: 'directory', children: new Map(), stored: undefined };
                children.set(part, created);
                dir = created;
            }
            else if (existing.kind === 'directory') {
                dir = existing;
            }
            else {
                throw notADirectory(sofar, existing.kind, layer);
            }
        }
        return dir;
    }
    merge(into, tree, prefix, layer) {
        const children = this.expand(into);
        for (const child of this.store.readDirectory(tree)) {
            const p = prefix === '/' ? `/${child.name}` : `${prefix}/${child.name}`;
            const existing = children.get(child.name);
            if (child.kind === 'directory') {
                if (!existing) {
                    // Only this layer has anything here so far: keep the stored tree as it is.
                    children.set(child.name, { kind: 'directory', children: undefined, stored: { digest: child.digest, owner: layer } });
                }
                else if (existing.kind === 'directory') {
                    this.merge(existing, child.digest.hash, p, layer);
                }
                else {
                    throw notADirectory(p, existing.kind, this.layers[layer].name);
                }
                continue;
            }
            if (existing?.kind === 'directory') {
                if (this.entries(existing).next().done !== true) {
                    this.ignored.push({ path: p, layer: this.layers[layer].name });
                    continue;
                }
            }
            else if (existing) {
                const writers = this.writers.get(p);
                if (writers)
                    writers.push(layer);
                else
                    this.writers.set(p, [existing.owner, layer]);
            }
            children.set(child.name, nodeOf(child, layer));
        }
    }
}
function nodeOf(child, owner) {
    switch (child.kind) {
        case 'file':
            return { kind: 'file', hash: child.digest.hash, size: child.digest.sizeBytes, executable: child.isExecutable, mode: child.mode, owner };
        case 'symlink':
            return { kind: 'symlink', target: child.target, owner };
        case 'directory':
            return { kind: 'directory', children: undefined, stored: { digest: child.digest, owner } };
    }
}
function notADirectory(p, kind, layer) {
    return new CairnError('staging-overlap', `cannot stage ${layer}: ${p} is a ${kind} where the element has a directory`);
}
function normalise(location) {
    const n = external_node_path_default().posix.normalize('/' + location);
    return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}
/** Hard-links `object` at `dest`, or falls back when the inode has as many links as the filesystem allows. */
function linkOr(object, dest, fallback) {
    try {
        external_node_fs_default().linkSync(object, dest);
    }
    catch (error) {
        if (error.code !== 'EMLINK')
            throw error;
        fallback();
    }
}
function mkdirIfMissing(dir) {
    try {
        external_node_fs_default().mkdirSync(dir);
    }
    catch (error) {
        if (error.code !== 'EEXIST')
            throw error;
    }
}

;// CONCATENATED MODULE: ./src/project/listsort.ts
/**
 * A faithful TypeScript port of CPython 3.12's `list.sort` (timsort with the
 * powersort merge policy), as used by BuildStream through
 * `functools.cmp_to_key` in its vendored `_loader/listsort.c`.
 *
 * Why not `Array.prototype.sort`: BuildStream orders each element's
 * dependencies with a comparator that is not a total order, and those orders
 * feed cache keys. With such a comparator the result depends on exactly which
 * comparisons the algorithm makes and in what order, so we must reproduce
 * CPython's algorithm step for step: the same comparisons, with the same
 * operand order, and the same data movement. The only question ever asked of
 * the comparator is "is a < b?".
 *
 * See CPython's Objects/listsort.txt for the design. Comments here say why a
 * step is the way it is, where that matters for fidelity.
 */
/** Galloping is entered once a run wins this many times in a row (initially). */
const MIN_GALLOP = 7;
/**
 * Sorts `items` in place exactly as CPython 3.12's `list.sort` would, given
 * that `lessThan(a, b)` answers Python's `a < b`. The result is identical to
 * CPython's for any `lessThan`, including inconsistent or non-transitive
 * ones. If `lessThan` throws, the exception propagates and `items` is left as
 * some permutation of its original contents (as CPython guarantees).
 */
function pythonListSort(items, lessThan) {
    if (items.length < 2)
        return;
    new MergeState(items, lessThan).sort();
}
/**
 * Sorts `items` in place the way Python's
 * `list.sort(key=functools.cmp_to_key(cmp))` does: `cmp_to_key` turns
 * `a < b` into `cmp(a, b) < 0`, and that is the only test list.sort uses.
 */
function sortWithCmp(items, cmp) {
    pythonListSort(items, (a, b) => cmp(a, b) < 0);
}
/**
 * CPython's `merge_compute_minrun`: n itself below 64; otherwise a value in
 * 32..64 such that n / minrun is just below a power of two, which keeps the
 * final merges balanced.
 */
function computeMinRun(n) {
    let r = 0; // becomes 1 if any 1 bits are shifted off
    while (n >= 64) {
        r |= n & 1;
        n = Math.floor(n / 2);
    }
    return n + r;
}
/**
 * CPython's `powerloop`: the depth, in a conceptual balanced merge tree over
 * [0, n), of the boundary between the run [s1, s1+n1) and the run of length
 * n2 that follows it. It compares the binary expansions of the two runs'
 * midpoints (doubled, to stay in integers) divided by n, bit by bit.
 */
function powerOf(s1, n1, n2, n) {
    let result = 0;
    let a = 2 * s1 + n1; // 2 * midpoint of the first run
    let b = a + n1 + n2; // 2 * midpoint of the second run
    for (;;) {
        ++result;
        if (a >= n) {
            // both quotient bits are 1
            a -= n;
            b -= n;
        }
        else if (b >= n) {
            // bits differ: this is the depth
            break;
        }
        a *= 2;
        b *= 2;
    }
    return result;
}
/**
 * Where `key` belongs in the sorted slice a[base, base+n): the k in 0..n with
 * a[base+k-1] < key <= a[base+k], i.e. to the left of any equal elements.
 * The search starts at offset `hint` and gallops outward (1, 3, 7, ...) before
 * a binary search, so it is cheap when the hint is close. Mirrors CPython's
 * `gallop_left`, including which side of `<` the key is on at each step.
 */
function gallopLeft(lt, key, a, base, n, hint) {
    const at = base + hint;
    let lastOfs = 0;
    let ofs = 1;
    if (lt(a[at], key)) {
        // a[hint] < key: gallop right until a[hint+lastOfs] < key <= a[hint+ofs]
        const maxOfs = n - hint;
        while (ofs < maxOfs && lt(a[at + ofs], key)) {
            lastOfs = ofs;
            ofs = ofs * 2 + 1;
        }
        if (ofs > maxOfs)
            ofs = maxOfs;
        lastOfs += hint;
        ofs += hint;
    }
    else {
        // key <= a[hint]: gallop left until a[hint-ofs] < key <= a[hint-lastOfs]
        const maxOfs = hint + 1;
        while (ofs < maxOfs && !lt(a[at - ofs], key)) {
            lastOfs = ofs;
            ofs = ofs * 2 + 1;
        }
        if (ofs > maxOfs)
            ofs = maxOfs;
        const k = lastOfs;
        lastOfs = hint - ofs;
        ofs = hint - k;
    }
    // Now a[lastOfs] < key <= a[ofs]; binary search in between.
    ++lastOfs;
    while (lastOfs < ofs) {
        const m = lastOfs + ((ofs - lastOfs) >> 1);
        if (lt(a[base + m], key))
            lastOfs = m + 1;
        else
            ofs = m;
    }
    return ofs;
}
/**
 * Like gallopLeft, but lands to the right of any elements equal to `key`:
 * the k in 0..n with a[base+k-1] <= key < a[base+k]. Only `key < x` is ever
 * asked here (CPython's `gallop_right`), which matters for odd comparators.
 */
function gallopRight(lt, key, a, base, n, hint) {
    const at = base + hint;
    let lastOfs = 0;
    let ofs = 1;
    if (lt(key, a[at])) {
        // key < a[hint]: gallop left until a[hint-ofs] <= key < a[hint-lastOfs]
        const maxOfs = hint + 1;
        while (ofs < maxOfs && lt(key, a[at - ofs])) {
            lastOfs = ofs;
            ofs = ofs * 2 + 1;
        }
        if (ofs > maxOfs)
            ofs = maxOfs;
        const k = lastOfs;
        lastOfs = hint - ofs;
        ofs = hint - k;
    }
    else {
        // a[hint] <= key: gallop right until a[hint+lastOfs] <= key < a[hint+ofs]
        const maxOfs = n - hint;
        while (ofs < maxOfs && !lt(key, a[at + ofs])) {
            lastOfs = ofs;
            ofs = ofs * 2 + 1;
        }
        if (ofs > maxOfs)
            ofs = maxOfs;
        lastOfs += hint;
        ofs += hint;
    }
    // Now a[lastOfs] <= key < a[ofs]; binary search in between.
    ++lastOfs;
    while (lastOfs < ofs) {
        const m = lastOfs + ((ofs - lastOfs) >> 1);
        if (lt(key, a[base + m]))
            ofs = m;
        else
            lastOfs = m + 1;
    }
    return ofs;
}
/** State of one sort: the list, the pending-run stack and merge scratch space. */
class MergeState {
    a;
    lt;
    /** Scratch copy of the smaller run during a merge; reused across merges. */
    tmp = [];
    /** Adaptive threshold for entering galloping mode (persists across merges). */
    minGallop = MIN_GALLOP;
    /** Pending runs, bottom to top: start index, length and powersort power. */
    runBase = [];
    runLen = [];
    runPower = [];
    runCount = 0;
    /** Set by countRun: whether the run found was strictly descending. */
    descending = false;
    constructor(items, lessThan) {
        this.a = items;
        this.lt = lessThan;
    }
    sort() {
        const a = this.a;
        const n = a.length;
        const minRun = computeMinRun(n);
        let lo = 0;
        let remaining = n;
        // One pass left to right: find natural runs, extend short ones to minRun
        // with binary insertion, and merge according to the powersort policy.
        do {
            let runLen = this.countRun(lo, lo + remaining);
            if (this.descending)
                reverse(a, lo, lo + runLen);
            if (runLen < minRun) {
                const force = remaining <= minRun ? remaining : minRun;
                this.binarySort(lo, lo + force, lo + runLen);
                runLen = force;
            }
            this.foundNewRun(runLen);
            const top = this.runCount++;
            this.runBase[top] = lo;
            this.runLen[top] = runLen;
            this.runPower[top] = 0;
            lo += runLen;
            remaining -= runLen;
        } while (remaining > 0);
        this.mergeForceCollapse();
    }
    /**
     * Length of the run starting at lo (lo < hi): the longest prefix that is
     * either non-descending (no a[i] < a[i-1]) or strictly descending (every
     * a[i] < a[i-1]). Strictness is what makes reversing it stable.
     */
    countRun(lo, hi) {
        const a = this.a;
        const lt = this.lt;
        this.descending = false;
        let i = lo + 1;
        if (i === hi)
            return 1;
        if (lt(a[i], a[i - 1])) {
            this.descending = true;
            for (++i; i < hi; ++i) {
                if (!lt(a[i], a[i - 1]))
                    break;
            }
        }
        else {
            for (++i; i < hi; ++i) {
                if (lt(a[i], a[i - 1]))
                    break;
            }
        }
        return i - lo;
    }
    /**
     * Stable binary insertion sort of a[lo, hi), given a[lo, start) is sorted.
     * Each pivot goes after any elements it is not less than.
     */
    binarySort(lo, hi, start) {
        const a = this.a;
        const lt = this.lt;
        if (start === lo)
            ++start;
        for (; start < hi; ++start) {
            const pivot = a[start];
            let l = lo;
            let r = start;
            // Invariants: pivot >= all in [lo, l), pivot < all in [r, start).
            do {
                const p = l + ((r - l) >> 1);
                if (lt(pivot, a[p]))
                    r = p;
                else
                    l = p + 1;
            } while (l < r);
            for (let p = start; p > l; --p)
                a[p] = a[p - 1];
            a[l] = pivot;
        }
    }
    /**
     * A run of length n2 is about to be pushed: merge away every pending run
     * (below the top one) whose power exceeds that of the boundary between the
     * top run and the new one, then record that power on the top run.
     */
    foundNewRun(n2) {
        if (this.runCount === 0)
            return;
        const top = this.runCount - 1;
        const power = powerOf(this.runBase[top], this.runLen[top], n2, this.a.length);
        while (this.runCount > 1 && this.runPower[this.runCount - 2] > power) {
            this.mergeAt(this.runCount - 2);
        }
        this.runPower[this.runCount - 1] = power;
    }
    /** At the end, merge everything, preferring the smaller neighbour of the top three. */
    mergeForceCollapse() {
        const len = this.runLen;
        while (this.runCount > 1) {
            let i = this.runCount - 2;
            if (i > 0 && len[i - 1] < len[i + 1])
                --i;
            this.mergeAt(i);
        }
    }
    /** Merges pending runs i and i+1 (i is the 2nd- or 3rd-from-top run). */
    mergeAt(i) {
        const a = this.a;
        const lt = this.lt;
        let baseA = this.runBase[i];
        let na = this.runLen[i];
        const baseB = this.runBase[i + 1];
        let nb = this.runLen[i + 1];
        // Record the combined run; if merging the 3rd-from-top pair, slide the
        // top run down into the freed slot.
        this.runLen[i] = na + nb;
        if (i === this.runCount - 3) {
            this.runBase[i + 1] = this.runBase[i + 2];
            this.runLen[i + 1] = this.runLen[i + 2];
            this.runPower[i + 1] = this.runPower[i + 2];
        }
        --this.runCount;
        // Elements of A not greater than B's first are already in place.
        const k = gallopRight(lt, a[baseB], a, baseA, na, 0);
        baseA += k;
        na -= k;
        if (na === 0)
            return;
        // Elements of B not less than A's last are already in place.
        nb = gallopLeft(lt, a[baseA + na - 1], a, baseB, nb, nb - 1);
        if (nb <= 0)
            return;
        // Merge the rest, buffering the shorter side.
        if (na <= nb)
            this.mergeLo(baseA, na, baseB, nb);
        else
            this.mergeHi(baseA, na, baseB, nb);
    }
    /**
     * Merges a[pa, pa+na) with the adjacent a[pb, pb+nb) left to right, with A
     * copied to scratch. Requires na <= nb (roughly), that A's last element
     * belongs at the very end, and B's first at the very front.
     */
    mergeLo(pa, na, pb, nb) {
        const a = this.a;
        const lt = this.lt;
        const tmp = this.tmp;
        for (let i = 0; i < na; ++i)
            tmp[i] = a[pa + i];
        let dest = pa;
        let ia = 0; // next A element, in tmp
        let ib = pb; // next B element, in a
        // Set when exactly one A element is left: it goes after the rest of B.
        let finishWithB = false;
        try {
            merge: {
                a[dest++] = a[ib++];
                --nb;
                if (nb === 0)
                    break merge;
                if (na === 1) {
                    finishWithB = true;
                    break merge;
                }
                let minGallop = this.minGallop;
                for (;;) {
                    let aCount = 0; // times A won in a row
                    let bCount = 0; // times B won in a row
                    // One element at a time, until one run wins minGallop times in a row.
                    for (;;) {
                        if (lt(a[ib], tmp[ia])) {
                            a[dest++] = a[ib++];
                            ++bCount;
                            aCount = 0;
                            --nb;
                            if (nb === 0)
                                break merge;
                            if (bCount >= minGallop)
                                break;
                        }
                        else {
                            a[dest++] = tmp[ia++];
                            ++aCount;
                            bCount = 0;
                            --na;
                            if (na === 1) {
                                finishWithB = true;
                                break merge;
                            }
                            if (aCount >= minGallop)
                                break;
                        }
                    }
                    // Galloping: move whole blocks while either side keeps winning by
                    // at least MIN_GALLOP; lowering minGallop rewards staying here.
                    ++minGallop;
                    do {
                        if (minGallop > 1)
                            --minGallop;
                        this.minGallop = minGallop;
                        let k = gallopRight(lt, a[ib], tmp, ia, na, 0);
                        aCount = k;
                        if (k > 0) {
                            for (let i = 0; i < k; ++i)
                                a[dest + i] = tmp[ia + i];
                            dest += k;
                            ia += k;
                            na -= k;
                            if (na === 1) {
                                finishWithB = true;
                                break merge;
                            }
                            // Impossible for a consistent comparator, but not in general.
                            if (na === 0)
                                break merge;
                        }
                        a[dest++] = a[ib++];
                        --nb;
                        if (nb === 0)
                            break merge;
                        k = gallopLeft(lt, tmp[ia], a, ib, nb, 0);
                        bCount = k;
                        if (k > 0) {
                            // dest < ib, so a forward copy is a safe memmove.
                            for (let i = 0; i < k; ++i)
                                a[dest + i] = a[ib + i];
                            dest += k;
                            ib += k;
                            nb -= k;
                            if (nb === 0)
                                break merge;
                        }
                        a[dest++] = tmp[ia++];
                        --na;
                        if (na === 1) {
                            finishWithB = true;
                            break merge;
                        }
                    } while (aCount >= MIN_GALLOP || bCount >= MIN_GALLOP);
                    ++minGallop; // penalise leaving galloping mode
                    this.minGallop = minGallop;
                }
            }
        }
        finally {
            // Also runs if lessThan throws, so the list stays a permutation.
            if (finishWithB) {
                for (let i = 0; i < nb; ++i)
                    a[dest + i] = a[ib + i];
                a[dest + nb] = tmp[ia];
            }
            else {
                for (let i = 0; i < na; ++i)
                    a[dest + i] = tmp[ia + i];
            }
        }
    }
    /**
     * Mirror image of mergeLo: merges right to left with B copied to scratch.
     * Requires na >= nb (roughly), and the same end conditions as mergeLo.
     */
    mergeHi(pa, na, pb, nb) {
        const a = this.a;
        const lt = this.lt;
        const tmp = this.tmp;
        for (let i = 0; i < nb; ++i)
            tmp[i] = a[pb + i];
        const baseA = pa;
        let dest = pb + nb - 1; // next slot to fill, moving left
        let ia = pa + na - 1; // last remaining A element, in a
        let ib = nb - 1; // last remaining B element, in tmp (B remains at tmp[0, nb))
        // Set when exactly one B element is left: it goes before the rest of A.
        let finishWithA = false;
        try {
            merge: {
                a[dest--] = a[ia--];
                --na;
                if (na === 0)
                    break merge;
                if (nb === 1) {
                    finishWithA = true;
                    break merge;
                }
                let minGallop = this.minGallop;
                for (;;) {
                    let aCount = 0; // times A won in a row
                    let bCount = 0; // times B won in a row
                    // Note the same operand order as mergeLo: "is B's element < A's?".
                    for (;;) {
                        if (lt(tmp[ib], a[ia])) {
                            a[dest--] = a[ia--];
                            ++aCount;
                            bCount = 0;
                            --na;
                            if (na === 0)
                                break merge;
                            if (aCount >= minGallop)
                                break;
                        }
                        else {
                            a[dest--] = tmp[ib--];
                            ++bCount;
                            aCount = 0;
                            --nb;
                            if (nb === 1) {
                                finishWithA = true;
                                break merge;
                            }
                            if (bCount >= minGallop)
                                break;
                        }
                    }
                    ++minGallop;
                    do {
                        if (minGallop > 1)
                            --minGallop;
                        this.minGallop = minGallop;
                        let k = na - gallopRight(lt, tmp[ib], a, baseA, na, na - 1);
                        aCount = k;
                        if (k > 0) {
                            dest -= k;
                            ia -= k;
                            // dest > ia, so copy from the top down (a safe memmove).
                            for (let i = k; i >= 1; --i)
                                a[dest + i] = a[ia + i];
                            na -= k;
                            if (na === 0)
                                break merge;
                        }
                        a[dest--] = tmp[ib--];
                        --nb;
                        if (nb === 1) {
                            finishWithA = true;
                            break merge;
                        }
                        k = nb - gallopLeft(lt, a[ia], tmp, 0, nb, nb - 1);
                        bCount = k;
                        if (k > 0) {
                            dest -= k;
                            ib -= k;
                            for (let i = 1; i <= k; ++i)
                                a[dest + i] = tmp[ib + i];
                            nb -= k;
                            if (nb === 1) {
                                finishWithA = true;
                                break merge;
                            }
                            // Impossible for a consistent comparator, but not in general.
                            if (nb === 0)
                                break merge;
                        }
                        a[dest--] = a[ia--];
                        --na;
                        if (na === 0)
                            break merge;
                    } while (aCount >= MIN_GALLOP || bCount >= MIN_GALLOP);
                    ++minGallop; // penalise leaving galloping mode
                    this.minGallop = minGallop;
                }
            }
        }
        finally {
            // Also runs if lessThan throws, so the list stays a permutation.
            if (finishWithA) {
                // Shift the remaining A up by one (top down), then put B's last first.
                for (let i = 0; i < na; ++i)
                    a[dest - i] = a[ia - i];
                a[dest - na] = tmp[ib];
            }
            else {
                for (let i = 0; i < nb; ++i)
                    a[dest - nb + 1 + i] = tmp[i];
            }
        }
    }
}
/** Reverses a[lo, hi) in place. */
function reverse(a, lo, hi) {
    for (--hi; lo < hi; ++lo, --hi) {
        const t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
    }
}

;// CONCATENATED MODULE: ./src/project/graph.ts
// The element graph's orders: each element's direct dependencies sorted for staging exactly as
// BuildStream sorts them (the order feeds cache keys), and the build, run and all scopes walked
// in BuildStream's order.

/**
 * Sorts every element's dependencies: a dependency that (transitively) depends on a sibling
 * goes after it; otherwise runtime-only ones last; otherwise by name, then by junction.
 * The comparator is not a total order, so the algorithm must be CPython's list.sort.
 */
function sortDependencies(elements) {
    const reaches = transitiveDependencies(elements);
    const depends = (a, b) => {
        const bits = reaches[a.index];
        return (bits[b.index >>> 5] & (1 << (b.index & 31))) !== 0;
    };
    const compare = (a, b) => {
        const ea = a.element;
        const eb = b.element;
        if (depends(ea, eb))
            return 1;
        if (depends(eb, ea))
            return -1;
        if (a.type !== b.type) {
            if (a.type === 'runtime')
                return 1;
            if (b.type === 'runtime')
                return -1;
        }
        if (ea.name !== eb.name)
            return ea.name > eb.name ? 1 : -1;
        if (ea.junction && eb.junction)
            return ea.junction === eb.junction ? 0 : ea.junction > eb.junction ? 1 : -1;
        if (ea.junction)
            return -1;
        if (eb.junction)
            return 1;
        return 0;
    };
    for (const element of elements) {
        if (element.dependencies.length > 1)
            sortWithCmp(element.dependencies, compare);
    }
}
/** For each element, a bitset of every element it depends on through any chain of dependencies. */
function transitiveDependencies(elements) {
    const words = (elements.length + 31) >>> 5;
    const sets = new Array(elements.length);
    // Post-order without recursion, so dependencies are complete before their dependents.
    for (const root of elements) {
        if (sets[root.index])
            continue;
        const stack = [[root, 0]];
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            const [element, i] = frame;
            if (i < element.dependencies.length) {
                frame[1] = i + 1;
                const child = element.dependencies[i].element;
                if (!sets[child.index])
                    stack.push([child, 0]);
                continue;
            }
            stack.pop();
            if (sets[element.index])
                continue;
            const bits = new Uint32Array(words);
            for (const dependency of element.dependencies) {
                const child = dependency.element;
                bits[child.index >>> 5] |= 1 << (child.index & 31);
                const childBits = sets[child.index];
                for (let w = 0; w < words; w++)
                    bits[w] |= childBits[w];
            }
            sets[element.index] = bits;
        }
    }
    return sets;
}
const isBuild = (d) => d.type !== 'runtime';
const isRun = (d) => d.type !== 'build';
/** Visited sets shared across several targets, as BuildStream shares them. */
class ScopeWalker {
    visitedBuild = new Set();
    visitedRun = new Set();
    /**
     * The elements in `scope` of `target`, in BuildStream's order: build = build dependencies with
     * their runtime closure (not the target); run = the runtime closure then the target;
     * all = everything beneath, build list before runtime list, then the target.
     */
    walk(target, scope, out = []) {
        if ((scope === 'build' || scope === 'all') && this.visitedBuild.has(target))
            return out;
        if ((scope === 'run' || scope === 'all') && this.visitedRun.has(target))
            return out;
        const frame = (element, frameScope) => {
            if (frameScope === 'all') {
                this.visitedBuild.add(element);
                this.visitedRun.add(element);
                const build = element.dependencies.filter(isBuild);
                const run = element.dependencies.filter(isRun);
                return { element, scope: frameScope, deps: [...build, ...run], i: 0, emit: true };
            }
            if (frameScope === 'build') {
                this.visitedBuild.add(element);
                return { element, scope: frameScope, deps: element.dependencies.filter(isBuild), i: 0, emit: false };
            }
            this.visitedRun.add(element);
            return { element, scope: frameScope, deps: element.dependencies.filter(isRun), i: 0, emit: true };
        };
        const stack = [frame(target, scope)];
        while (stack.length > 0) {
            const top = stack[stack.length - 1];
            if (top.i < top.deps.length) {
                const child = top.deps[top.i++].element;
                if (top.scope === 'all') {
                    if (!this.visitedBuild.has(child) && !this.visitedRun.has(child))
                        stack.push(frame(child, 'all'));
                }
                else if (!this.visitedRun.has(child)) {
                    stack.push(frame(child, 'run'));
                }
                continue;
            }
            stack.pop();
            if (top.emit)
                out.push(top.element);
        }
        return out;
    }
}
/** The elements of `scope` for several targets with one shared visited set. */
function dependenciesOf(targets, scope) {
    const walker = new ScopeWalker();
    const out = [];
    for (const target of targets)
        walker.walk(target, scope, out);
    return out;
}
/** The direct dependencies, build ones first (BuildStream's non-recursive listing). */
function directDependencies(element, scope) {
    const out = new Set();
    if (scope !== 'run')
        for (const d of element.dependencies)
            if (isBuild(d))
                out.add(d.element);
    if (scope !== 'build')
        for (const d of element.dependencies)
            if (isRun(d))
                out.add(d.element);
    return [...out];
}
/**
 * Removes the excepted elements and whatever is reachable only through them: elements still
 * reachable from a target by another path stay.
 */
function exceptElements(targets, elements, excepted) {
    if (excepted.length === 0)
        return [...elements];
    const targeted = new Set(dependenciesOf(targets, 'all'));
    const seen = new Set();
    const border = new Set();
    const queue = [...excepted].reverse();
    // The border: the nearest elements, going down from each excepted one, that the targets need.
    while (queue.length > 0) {
        const element = queue.pop();
        if (seen.has(element))
            continue;
        seen.add(element);
        if (targeted.has(element))
            border.add(element);
        else
            queue.push(...directDependencies(element, 'all').reverse());
    }
    const kept = new Set();
    const work = [...targets];
    while (work.length > 0) {
        const element = work.pop();
        if (kept.has(element) || border.has(element))
            continue;
        kept.add(element);
        work.push(...directDependencies(element, 'all'));
    }
    return elements.filter((element) => kept.has(element));
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_namespaceObject);
;// CONCATENATED MODULE: ./src/sandbox/batch-script.ts
// The driver shell script that runs a batch of commands inside one sandbox and tells Cairn how the
// batch ended. It must never set or read a shell variable: the commands see exactly the run's env.
/** The descriptor, inherited by the driver only, on which it reports progress to Cairn. */
const STATUS_FD = 3;
/** `$0` of the driver, which is what `ps` inside the sandbox shows for it. */
const DRIVER_NAME = 'cairn-batch';
/**
 * The driver. Positional parameters come in pairs, header then command. Before each command it
 * writes the header to the log and `s <remaining>` to the status descriptor; when a command fails
 * it writes `f <remaining> <exit code>`; after the last one `d`. `$#` stands in for a counter so that
 * no variable of the driver's own can collide with a variable of the build's environment.
 * Commands run with the status descriptor closed, so nothing they do can forge a report.
 */
function driverScript(options) {
    const lines = options.interactive
        ? [
            // A shell for a person: stderr stays on the terminal and no headers interleave with prompts.
            'while [ "$#" -gt 0 ]; do',
            `  printf 's %s\\n' "$#" >&${STATUS_FD}`,
            `  /bin/sh -e -c "$2" ${STATUS_FD}>&- || { printf 'f %s %s\\n' "$#" "$?" >&${STATUS_FD}; exit 1; }`,
            '  shift 2',
            'done',
        ]
        : [
            // Until here, anything on stderr is bubblewrap's own, which Cairn reads to explain a setup
            // failure; from here on the commands' stderr belongs in the log with their stdout.
            'exec 2>&1',
            'while [ "$#" -gt 0 ]; do',
            `  printf '%s\\n' "$1"`,
            `  printf 's %s\\n' "$#" >&${STATUS_FD}`,
            `  /bin/sh -e -c "$2" ${STATUS_FD}>&- || { printf 'f %s %s\\n' "$#" "$?" >&${STATUS_FD}; exit 1; }`,
            '  shift 2',
            'done',
        ];
    return [...lines, `printf 'd\\n' >&${STATUS_FD}`, ''].join('\n');
}
/**
 * The log line that introduces a command: `+ <label>: <command>`. A multi-line command keeps its
 * lines, each continuation indented under the first so the log still reads as one entry.
 */
function commandHeader(label, command) {
    const [first = '', ...rest] = command.replace(/\n+$/, '').split('\n');
    return [`+ ${label}: ${first}`, ...rest.map((line) => `  ${line}`)].join('\n');
}
/** The driver's positional parameters for a batch: header, command, header, command, ... */
function driverArguments(commands) {
    return commands.flatMap((c) => [commandHeader(c.label, c.command), c.command]);
}
/** Reads what the driver wrote on the status descriptor for a batch of `commandCount` commands. */
function readBatchStatus(text, commandCount) {
    let running;
    for (const line of text.split('\n')) {
        const fields = line.trim().split(' ');
        if (fields[0] === 'd')
            return { state: 'done' };
        const remaining = Number(fields[1]);
        if (!Number.isInteger(remaining))
            continue;
        // `$#` counts the current pair and every pair after it.
        const index = commandCount - remaining / 2;
        if (fields[0] === 's')
            running = index;
        if (fields[0] === 'f')
            return { state: 'failed', index, exitCode: Number(fields[2]) };
    }
    return running === undefined ? { state: 'not-started' } : { state: 'interrupted', index: running };
}

;// CONCATENATED MODULE: ./src/sandbox/bwrap-arguments.ts
// Builds bubblewrap command lines: the isolation every sandbox gets, and the root as a bind or as an
// overlay. Pure; and no path is ever spliced into shell text, so no path can be misread as code.

/** The hostname inside every sandbox: fixed, so nothing a build records depends on the host. */
const SANDBOX_HOSTNAME = 'cairn';
/**
 * Namespaces, identity and environment. The user namespace is asked for explicitly (--unshare-all
 * only tries it) so that a host without one fails loudly instead of silently running as the host
 * user. All capabilities are dropped: bubblewrap keeps them for uid 0 when the host user is root,
 * and CAP_SYS_ADMIN would let a build remount the read-only root read-write and write through to
 * the content store. Dropping them makes root and ordinary hosts behave the same.
 */
function isolationArguments(isolation) {
    const args = ['--unshare-all', '--unshare-user', '--die-with-parent'];
    // A new session detaches the build from any terminal (no TIOCSTI into the user's shell); a shell
    // for a person needs the terminal.
    if (!isolation.interactive)
        args.push('--new-session');
    args.push('--cap-drop', 'ALL', '--hostname', SANDBOX_HOSTNAME);
    args.push('--uid', String(isolation.uid), '--gid', String(isolation.gid));
    args.push('--clearenv');
    for (const [name, value] of Object.entries(isolation.env))
        args.push('--setenv', name, value);
    return args;
}
function overlayRoute(version) {
    const [major = 0, minor = 0] = version.split('.').map((n) => Number.parseInt(n, 10));
    return major > 0 || minor >= 11 ? 'bwrap' : 'unshare';
}
/** Where an overlay keeps its parts inside the run's scratch directory. */
function overlayLayout(scratch) {
    return {
        // A symlink to the staged root, so the mount options name only fixed words (see below).
        lower: external_node_path_default().join(scratch, 'lower'),
        upper: external_node_path_default().join(scratch, 'upper'),
        work: external_node_path_default().join(scratch, 'work'),
        merged: external_node_path_default().join(scratch, 'merged'),
    };
}
/**
 * The shell run in a new user and mount namespace (the unshare route) before bwrap: it mounts the
 * overlay and then becomes bwrap. Its arguments are the scratch directory, the mount program, then
 * bwrap's argv. The options name the layers relative to the scratch directory because overlayfs
 * options cannot carry a ',' or ':' in a path; `userxattr` lets the overlay record whiteouts and
 * opaque directories in a user namespace (without it, deleting a staged directory fails with EIO).
 */
const UNSHARE_OVERLAY_SCRIPT = [
    'cd "$1" || exit 1',
    '"$2" -t overlay -o lowerdir=lower,upperdir=upper,workdir=work,userxattr overlay merged || exit 1',
    'shift 2',
    'exec "$@"',
].join('\n');
/** The program and arguments that wrap bwrap for the unshare route; bwrap's own argv follows them. */
function unsharePrefix(tools, scratch) {
    return [
        tools.unshare,
        '--user',
        '--map-root-user',
        '--mount',
        '--propagation',
        'private',
        '--',
        tools.sh,
        '-c',
        UNSHARE_OVERLAY_SCRIPT,
        'cairn-overlay',
        scratch,
        tools.mount,
    ];
}
/** The bwrap arguments that put a writable overlay of `lower` at `dest`, writes going to scratch. */
function overlayArguments(route, lower, scratch, dest) {
    const layout = overlayLayout(scratch);
    return route === 'bwrap'
        ? ['--overlay-src', lower, '--overlay', layout.upper, layout.work, dest]
        : ['--bind', layout.merged, dest];
}

;// CONCATENATED MODULE: ./src/sandbox/host.ts
// What the sandbox needs from the host outside it: programs by absolute path, the settings that
// explain a namespace failure, overlay directories in a run's scratch, and running a program to its
// end. Host programs always run with an empty environment, so a build's env never reaches them.




// Where unshare and mount live when PATH is minimal (services, some CI images leave out sbin).
const SYSTEM_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
function isExecutableFile(file) {
    try {
        external_node_fs_default().accessSync(file, (external_node_fs_default()).constants.X_OK);
        return external_node_fs_default().statSync(file).isFile();
    }
    catch {
        return false;
    }
}
/** The absolute path of `name` on PATH, then in the usual system directories; undefined if absent. */
function findProgram(name, searchPath = process.env['PATH']) {
    const dirs = [...(searchPath ?? '').split((external_node_path_default()).delimiter).filter((d) => external_node_path_default().isAbsolute(d)), ...SYSTEM_DIRS];
    for (const dir of dirs) {
        const candidate = external_node_path_default().join(dir, name);
        if (isExecutableFile(candidate))
            return candidate;
    }
    return undefined;
}
/** Whether an explicitly configured program path can be run. */
function isProgram(file) {
    return isExecutableFile(file);
}
/** The host programs of the unshare overlay route, or undefined when one is missing. */
function findHostTools() {
    const unshare = findProgram('unshare');
    const mount = findProgram('mount');
    const sh = isExecutableFile('/bin/sh') ? '/bin/sh' : findProgram('sh');
    return unshare && mount && sh ? { unshare, mount, sh } : undefined;
}
function readSysctl(file) {
    try {
        const value = Number.parseInt(external_node_fs_default().readFileSync(file, 'utf8').trim(), 10);
        return Number.isNaN(value) ? undefined : value;
    }
    catch {
        return undefined;
    }
}
/** The kernel settings and container markers that decide which namespace fix to suggest. */
function readHostFacts() {
    const apparmor = readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
    const clone = readSysctl('/proc/sys/kernel/unprivileged_userns_clone');
    const maxUserNamespaces = readSysctl('/proc/sys/user/max_user_namespaces');
    const inContainer = external_node_fs_default().existsSync('/.dockerenv') || external_node_fs_default().existsSync('/run/.containerenv');
    return {
        ...(apparmor === undefined ? {} : { apparmorRestrictsUserns: apparmor === 1 }),
        ...(clone === undefined ? {} : { usernsCloneDisabled: clone === 0 }),
        ...(maxUserNamespaces === undefined ? {} : { maxUserNamespaces }),
        inContainer,
    };
}
/**
 * Creates the overlay's directories in the scratch directory, `lower` being a symlink to the staged
 * root. Only the unshare route needs `merged` and the link, but they cost nothing. A scratch that an
 * earlier run over the same root prepared is reused as it is, its upper layer included.
 */
async function prepareOverlay(root, scratch) {
    const layout = overlayLayout(scratch);
    await Promise.all([layout.upper, layout.work, layout.merged].map((dir) => external_node_fs_default().promises.mkdir(dir, { recursive: true })));
    try {
        await external_node_fs_default().promises.symlink(root, layout.lower);
    }
    catch (error) {
        const existing = await external_node_fs_default().promises.readlink(layout.lower).catch(() => undefined);
        if (existing !== root)
            throw error;
    }
}
/** Runs a host program to its end with an empty environment and no stdin, collecting its output. */
function runToCompletion(program, args) {
    return new Promise((resolve) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(program, args, { stdio: ['ignore', 'pipe', 'pipe'], env: {} });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
        child.on('error', (error) => resolve({ code: null, signal: null, stdout, stderr, spawnError: error }));
        child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
}
/**
 * Removes a directory tree that a sandbox has used. Overlayfs leaves `work/work` with mode 000, which
 * a plain recursive remove cannot enter as an ordinary user, so unreadable directories are opened up
 * and the removal retried.
 */
async function host_removeTree(dir) {
    try {
        await external_node_fs_default().promises.rm(dir, { recursive: true, force: true });
    }
    catch {
        openUp(dir);
        await external_node_fs_default().promises.rm(dir, { recursive: true, force: true });
    }
}
function openUp(dir) {
    try {
        external_node_fs_default().chmodSync(dir, 0o700);
        for (const entry of external_node_fs_default().readdirSync(dir, { withFileTypes: true })) {
            if (entry.isDirectory())
                openUp(external_node_path_default().join(dir, entry.name));
        }
    }
    catch {
        // What cannot be opened up is reported by the retried removal.
    }
}

;// CONCATENATED MODULE: ./src/sandbox/setup-failure.ts
// Turns what bubblewrap printed when it could not build a sandbox into a one-line message that quotes
// it and a hint naming the host setting to change. Pure: the facts about the host are passed in.
const NAMESPACE_FAILURE = [
    /setting up [ug]id map/i,
    /No permissions to creat(e|ing) new namespace/i,
    /Creating new namespace failed/i,
    /unshare( failed)?: .*(Operation not permitted|Permission denied)/i,
    /loopback: Failed RTM_NEWADDR/i,
    /Failed to make \/ slave/i,
    /Can't mount proc on/i,
    /Can't mount (devpts|tmpfs) on/i,
    /pivot_root/i,
    /max_\*?_?namespaces|ENOSPC/i,
];
const APPARMOR_FIX = 'on Ubuntu 23.10 and later (24.04 runners included) allow it with `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or load an AppArmor profile that grants bwrap `userns`';
const USERNS_CLONE_FIX = 'on older Debian and Ubuntu kernels run `sudo sysctl -w kernel.unprivileged_userns_clone=1`';
const MAX_NAMESPACES_FIX = 'raise the namespace limit with `sudo sysctl -w user.max_user_namespaces=10000`';
const CONTAINER_FIX = 'inside a container, the container must allow user namespaces and mounts (docker run --security-opt seccomp=unconfined --security-opt apparmor=unconfined --security-opt systempaths=unconfined, or --privileged)';
/** The line of bubblewrap's (or mount's) output that says what went wrong. */
function firstErrorLine(stderr) {
    const lines = stderr
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '');
    return lines.find((l) => /^(bwrap|mount|unshare):/.test(l)) ?? lines[0] ?? '';
}
/** Explains a sandbox that bubblewrap could not set up, from its stderr and what is known of the host. */
function explainSetupFailure(stderr, facts = {}) {
    const line = firstErrorLine(stderr);
    const quoted = line === '' ? 'it exited without saying why' : `"${line}"`;
    if (NAMESPACE_FAILURE.some((pattern) => pattern.test(line))) {
        const message = `bubblewrap cannot create the namespaces a build needs: ${quoted}`;
        return { namespaces: true, message, hint: namespaceHint(line, facts) };
    }
    if (/execvp \/bin\/sh/.test(line)) {
        return {
            namespaces: false,
            message: `the sandbox has no usable /bin/sh: ${quoted}`,
            hint: 'every build runs its commands with /bin/sh, so the staged dependencies must provide one',
        };
    }
    return { namespaces: false, message: `bubblewrap could not set up the sandbox: ${quoted}` };
}
/** Every fix, the one this host most likely needs first. */
function namespaceHint(line, facts) {
    const fixes = [
        {
            text: APPARMOR_FIX,
            // Ubuntu's AppArmor lets the namespace be created and then denies the uid map or the loopback setup.
            likely: facts.apparmorRestrictsUserns === true || /setting up [ug]id map|RTM_NEWADDR/i.test(line),
        },
        { text: USERNS_CLONE_FIX, likely: facts.usernsCloneDisabled === true || /No permissions to creat/i.test(line) },
        { text: MAX_NAMESPACES_FIX, likely: facts.maxUserNamespaces === 0 || /ENOSPC|max_/i.test(line) },
        { text: CONTAINER_FIX, likely: facts.inContainer === true || /Can't mount|make \/ slave|pivot_root/i.test(line) },
    ];
    const relevant = fixes.filter((f) => f.likely || f.text !== MAX_NAMESPACES_FIX);
    const ordered = [...relevant.filter((f) => f.likely), ...relevant.filter((f) => !f.likely)];
    return `let bubblewrap create user namespaces: ${ordered.map((f) => f.text).join('; ')}`;
}

;// CONCATENATED MODULE: ./src/sandbox/probe.ts
// Finds bubblewrap and proves, by running it, that it can build the sandbox a build needs and whether
// it can give a writable root as an overlay. It never keeps what it learns: callers cache per path.







const INSTALL_HINT = 'install it: apt-get install bubblewrap';
function bwrapNotInstalled(where) {
    const suffix = where === undefined ? '' : ` at ${where}`;
    return new CairnError('sandbox-unavailable', `bubblewrap (bwrap) is not installed${suffix}`, undefined, INSTALL_HINT);
}
/** Finds bwrap (option `bwrap` path, else PATH) and checks it can create the namespaces a build needs. */
async function probeSandbox(options = {}) {
    const bwrap = locateBwrap(options.bwrap);
    const version = await readVersion(bwrap);
    await checkNamespaces(bwrap);
    const overlay = await canOverlay(bwrap, overlayRoute(version));
    return { bwrap, version, overlay };
}
function locateBwrap(configured) {
    if (configured !== undefined && !configured.includes('/')) {
        const found = findProgram(configured);
        if (found === undefined)
            throw bwrapNotInstalled(configured);
        return found;
    }
    if (configured !== undefined) {
        const file = external_node_path_default().resolve(configured);
        if (!isProgram(file))
            throw bwrapNotInstalled(file);
        return file;
    }
    const found = findProgram('bwrap');
    if (found === undefined)
        throw bwrapNotInstalled();
    return found;
}
async function readVersion(bwrap) {
    const result = await runToCompletion(bwrap, ['--version']);
    if (result.spawnError)
        throw bwrapNotInstalled(bwrap);
    const version = /(\d+\.\d+(?:\.\d+)?)/.exec(result.stdout)?.[1];
    if (result.code !== 0 || version === undefined) {
        const said = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        const message = `${bwrap} --version did not report a bubblewrap version: "${said}"`;
        throw new CairnError('sandbox-unavailable', message, undefined, INSTALL_HINT);
    }
    return version;
}
/**
 * Runs bwrap with every namespace, mount and identity option a build uses, over a read-only view of
 * the host, and expects it to run bwrap's own `--version` inside. Anything less is explained.
 */
async function checkNamespaces(bwrap) {
    const inside = '/tmp/bwrap';
    const args = [
        ...isolationArguments({ uid: 0, gid: 0, env: {}, interactive: false }),
        '--ro-bind', '/', '/',
        '--proc', '/proc',
        '--dev', '/dev',
        '--tmpfs', '/tmp',
        '--ro-bind', bwrap, inside,
        '--', inside, '--version',
    ];
    const result = await runToCompletion(bwrap, args);
    if (result.code === 0 && /bubblewrap/.test(result.stdout))
        return;
    const failure = explainSetupFailure(result.stderr || `exit status ${String(result.code ?? result.signal)}`, readHostFacts());
    throw new CairnError('sandbox-unavailable', failure.message, undefined, failure.hint);
}
/**
 * Tries, in a temporary directory, exactly the overlay a writable root gets: inside the sandbox it
 * deletes and recreates a directory of the lower layer and appends to one of its files; the overlay
 * only counts if both work and the lower layer is unchanged afterwards.
 */
async function canOverlay(bwrap, route) {
    const tools = route === 'unshare' ? findHostTools() : undefined;
    if (route === 'unshare' && tools === undefined)
        return false;
    const dir = await external_node_fs_default().promises.mkdtemp(external_node_path_default().join(external_node_os_default().tmpdir(), 'cairn-overlay-probe-'));
    try {
        const lower = external_node_path_default().join(dir, 'lower-root');
        const scratch = external_node_path_default().join(dir, 'scratch');
        await external_node_fs_default().promises.mkdir(external_node_path_default().join(lower, 'dir'), { recursive: true });
        await external_node_fs_default().promises.writeFile(external_node_path_default().join(lower, 'dir', 'file'), 'lower\n');
        await external_node_fs_default().promises.writeFile(external_node_path_default().join(lower, 'file'), 'lower\n');
        await external_node_fs_default().promises.mkdir(scratch);
        await prepareOverlay(lower, scratch);
        const dest = '/tmp/overlay';
        const bwrapArgs = [
            ...isolationArguments({ uid: 0, gid: 0, env: { PATH: '/usr/bin:/bin' }, interactive: false }),
            '--ro-bind', '/', '/',
            '--proc', '/proc',
            '--dev', '/dev',
            '--tmpfs', '/tmp',
            ...overlayArguments(route, lower, scratch, dest),
            '--chdir', dest,
            '--', '/bin/sh', '-e', '-c', 'rm -r dir && mkdir dir && test ! -e dir/file && echo sandbox >> file',
        ];
        const argv = tools === undefined ? [bwrap, ...bwrapArgs] : [...unsharePrefix(tools, scratch), bwrap, ...bwrapArgs];
        const [program = bwrap, ...args] = argv;
        const result = await runToCompletion(program, args);
        if (result.code !== 0)
            return false;
        const upper = overlayLayout(scratch).upper;
        const lowerIntact = (await external_node_fs_default().promises.readFile(external_node_path_default().join(lower, 'file'), 'utf8')) === 'lower\n' &&
            external_node_fs_default().existsSync(external_node_path_default().join(lower, 'dir', 'file'));
        const copiedUp = external_node_path_default().join(upper, 'file');
        const written = external_node_fs_default().existsSync(copiedUp) && (await external_node_fs_default().promises.readFile(copiedUp, 'utf8')) === 'lower\nsandbox\n';
        return lowerIntact && written;
    }
    catch {
        return false;
    }
    finally {
        // A temporary directory left behind must not turn a working sandbox into a failed probe.
        await host_removeTree(dir).catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ./src/sandbox/bwrap.ts
// Runs a batch of build commands in one bubblewrap sandbox whose root is a staged sysroot. It must
// never let a write reach the staged files (they are hard links into the content store), never show
// the host's files, network or environment to a command, and never leave a process behind.












const ABORTED = { ok: false, aborted: true };
// bwrap's own complaints are a line or two; a runaway writer must not grow Cairn's memory.
const STDERR_LIMIT = 64 * 1024;
/**
 * Runs `run.commands` in one bwrap process. Resolves with how the batch ended; throws a CairnError
 * ('sandbox-unavailable') when the sandbox itself could not be set up.
 */
async function runInSandbox(capabilities, run) {
    checkRun(run);
    if (run.signal?.aborted)
        return ABORTED;
    const interactive = run.interactive === true;
    const [program, ...args] = await commandLine(capabilities, run, interactive);
    if (program === undefined)
        throw new Error('empty sandbox command line');
    if (run.signal?.aborted)
        return ABORTED;
    const stdio = interactive
        ? ['inherit', 'inherit', 'inherit', 'pipe']
        : ['ignore', run.logFd ?? 'ignore', 'pipe', 'pipe'];
    // Its own process group, so one kill reaches bwrap and anything the unshare route started. A
    // shell for a person stays in the terminal's foreground group, or it could not read the terminal.
    const child = (0,external_node_child_process_namespaceObject.spawn)(program, args, { stdio, env: {}, detached: !interactive });
    let aborted = false;
    const kill = () => {
        aborted = true;
        if (child.pid === undefined)
            return;
        try {
            if (interactive)
                child.kill('SIGKILL');
            else
                process.kill(-child.pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
        // bwrap's --die-with-parent kills its pid 1 once bwrap dies, and the kernel then kills every
        // other process of the sandbox's pid namespace, whatever session or group it moved to.
    };
    run.signal?.addEventListener('abort', kill, { once: true });
    let stderr = '';
    child.stdio[2]?.setEncoding('utf8').on('data', (chunk) => {
        if (stderr.length < STDERR_LIMIT)
            stderr += chunk;
    });
    let status = '';
    const statusStream = child.stdio[STATUS_FD];
    if (statusStream instanceof external_node_stream_namespaceObject.Readable)
        statusStream.setEncoding('utf8').on('data', (chunk) => (status += chunk));
    try {
        const exit = await new Promise((resolve, reject) => {
            child.on('error', reject);
            child.on('close', (code, signal) => resolve({ code, signal }));
        }).catch((error) => {
            if (error.code === 'ENOENT' && program === capabilities.bwrap)
                throw bwrapNotInstalled(program);
            throw new CairnError('sandbox-unavailable', `could not start ${program}: ${error.message}`);
        });
        if (aborted)
            return ABORTED;
        return outcome(run, readBatchStatus(status, run.commands.length), exit, stderr, interactive);
    }
    finally {
        run.signal?.removeEventListener('abort', kill);
    }
}
function outcome(run, batch, exit, stderr, interactive) {
    const failed = (index, exitCode) => ({
        ok: false,
        aborted: false,
        failed: { index, label: run.commands[index]?.label ?? '', exitCode },
    });
    switch (batch.state) {
        case 'done':
            return { ok: true, aborted: false };
        case 'failed':
            return failed(batch.index, batch.exitCode);
        case 'interrupted':
            // bwrap reports a child killed by signal n as 128 + n, as shells do; the same if bwrap was.
            return failed(batch.index, exit.code ?? 128 + (exit.signal ? (external_node_os_default()).constants.signals[exit.signal] : 0));
        case 'not-started': {
            // An interactive bwrap wrote its complaint straight to the terminal.
            if (interactive) {
                throw new CairnError('sandbox-unavailable', 'bubblewrap could not set up the sandbox (its own message is above)');
            }
            const failure = explainSetupFailure(stderr, readHostFacts());
            throw new CairnError('sandbox-unavailable', failure.message, undefined, failure.hint);
        }
    }
}
/** Paths and ids come from Cairn's own code, never straight from a user: a bad one is a bug. */
function checkRun(run) {
    const absolute = (p, what) => {
        if (!external_node_path_default().isAbsolute(p))
            throw new Error(`sandbox ${what} must be an absolute path: ${p}`);
    };
    absolute(run.root, 'root');
    absolute(run.scratch, 'scratch directory');
    absolute(run.cwd, 'working directory');
    for (const w of run.writable) {
        absolute(w.host, 'writable host directory');
        absolute(w.path, 'writable path');
    }
    for (const id of [run.uid, run.gid]) {
        if (!Number.isInteger(id) || id < 0)
            throw new Error(`sandbox uid and gid must be non-negative integers: ${id}`);
    }
    for (const name of Object.keys(run.env)) {
        if (name === '' || name.includes('='))
            throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
    }
}
/** The full argv: maybe the unshare route's prefix, then bwrap, its options, and the driver. */
async function commandLine(capabilities, run, interactive) {
    const isolation = isolationArguments({ uid: run.uid, gid: run.gid, env: run.env, interactive });
    let prefix = [];
    let rootArgs = ['--bind', run.root, '/'];
    if ((run.rootWritable || run.layered === true) && capabilities.overlay) {
        const route = overlayRoute(capabilities.version);
        if (route === 'unshare') {
            const tools = findHostTools();
            if (tools === undefined) {
                const message = 'unshare and mount are needed to give a build a writable root';
                throw new CairnError('sandbox-unavailable', message, undefined, 'install util-linux');
            }
            prefix = unsharePrefix(tools, run.scratch);
        }
        await prepareOverlay(run.root, run.scratch);
        rootArgs = overlayArguments(route, run.root, run.scratch, '/');
    }
    // Without an overlay a writable root is bound directly: the caller staged it by copying.
    const mounts = [...rootArgs, '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp'];
    for (const w of run.writable)
        mounts.push('--bind', w.host, w.path);
    if (run.cwd !== '/')
        mounts.push('--dir', run.cwd);
    // Last, so the mount points above could still be made; it is not recursive, so /proc, /dev, /tmp
    // and the writable binds stay writable. Without capabilities nothing inside can undo it.
    if (!run.rootWritable)
        mounts.push('--remount-ro', '/');
    const driver = ['/bin/sh', '-c', driverScript({ interactive }), DRIVER_NAME, ...driverArguments(run.commands)];
    return [...prefix, capabilities.bwrap, ...isolation, ...mounts, '--chdir', run.cwd, '--', ...driver];
}

;// CONCATENATED MODULE: ./src/engine/checkout.ts
// Puts cached artifacts on the host: an element alone or with a scope of its dependencies,
// staged in BuildStream's order into a directory (copies, or hard links into the cache) or a
// tarball, optionally after running their integration commands in a sandbox.









/** The elements a checkout stages, in staging order. */
function checkoutElements(graph, element, deps) {
    switch (deps) {
        case 'none':
            return [element];
        case 'run':
            return dependenciesOf([element], 'run');
        case 'build':
            return graph.buildScope(element);
        case 'all':
            return dependenciesOf([element], 'all');
    }
}
async function checkout(request) {
    const { cache, target } = request;
    const elements = checkoutElements(request.graph, request.element, request.deps).filter((e) => e.kind !== 'junction' && e.kind !== 'link');
    const area = new StagingArea(cache.store);
    const records = elements.map((element) => ({ element, record: request.artifactOf(element) }));
    for (const { element, record } of records) {
        if (record.files)
            area.add({ name: element.fullName, tree: record.files.hash, location: '/' });
    }
    if ('directory' in target) {
        prepareEmptyDirectory(target.directory);
        if (!request.integrate) {
            return { files: await area.materialize(target.directory, target.hardlinks ? 'link' : 'copy') };
        }
    }
    // Integration and tarballs work on a private staged copy first.
    const work = cache.store.temporaryPath('checkout');
    external_node_fs_default().mkdirSync(work);
    try {
        const files = await area.materialize(work, 'copy');
        if (request.integrate)
            await integrate(request, records, work);
        if ('directory' in target) {
            moveContents(work, target.directory);
        }
        else {
            await writeTarball(work, target.tar, target.stdout);
        }
        return { files };
    }
    finally {
        removeTree(work);
    }
}
async function integrate(request, records, root) {
    const commands = records.flatMap(({ element, record }) => {
        const bst = record.public?.bst;
        const list = Array.isArray(bst?.['integration-commands']) ? bst['integration-commands'] : [];
        return list.filter((c) => typeof c === 'string').map((command, i) => ({ label: `integration-commands[${i}] of ${element.fullName}`, command }));
    });
    if (commands.length === 0)
        return;
    const before = new Set(external_node_fs_default().readdirSync(root));
    const capabilities = await probeSandbox(request.bwrap ? { bwrap: request.bwrap } : {});
    const scratch = request.cache.store.temporaryPath('scratch');
    external_node_fs_default().mkdirSync(scratch);
    const env = Object.fromEntries([...request.graph.keyed(request.element).composed.environment.entries].flatMap(([k, v]) => (v.kind === 'scalar' ? [[k, v.value]] : [])));
    try {
        const result = await runInSandbox({ ...capabilities, overlay: false }, { root, rootWritable: true, scratch, writable: [], cwd: '/', env, uid: 0, gid: 0, commands });
        if (!result.ok) {
            throw new CairnError('build-failed', `integration command failed while checking out ${request.element.fullName}: ${result.failed?.label ?? 'sandbox'} (exit ${result.failed?.exitCode ?? '?'})`);
        }
    }
    finally {
        removeTree(scratch);
    }
    // The sandbox needed mount points the artifacts did not have; they are not part of the checkout.
    for (const name of ['proc', 'dev', 'tmp']) {
        const p = external_node_path_default().join(root, name);
        if (!before.has(name) && external_node_fs_default().existsSync(p) && external_node_fs_default().readdirSync(p).length === 0)
            external_node_fs_default().rmdirSync(p);
    }
}
function prepareEmptyDirectory(directory) {
    if (external_node_fs_default().existsSync(directory)) {
        if (!external_node_fs_default().statSync(directory).isDirectory())
            throw new CairnError('invalid-argument', `${directory} exists and is not a directory`);
        if (external_node_fs_default().readdirSync(directory).length > 0)
            throw new CairnError('invalid-argument', `${directory} is not empty`, undefined, 'give an empty or new directory');
    }
    external_node_fs_default().mkdirSync(directory, { recursive: true });
}
function moveContents(from, to) {
    for (const name of external_node_fs_default().readdirSync(from)) {
        try {
            external_node_fs_default().renameSync(external_node_path_default().join(from, name), external_node_path_default().join(to, name));
        }
        catch (error) {
            if (error.code !== 'EXDEV')
                throw error;
            external_node_fs_default().cpSync(external_node_path_default().join(from, name), external_node_path_default().join(to, name), { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
        }
    }
}
async function writeTarball(root, file, stdout) {
    const entries = external_node_fs_default().readdirSync(root).sort();
    const gzip = /\.(tgz|tar\.gz)$/.test(file);
    // Portable: no user names, ids or access times, so the same artifact gives the same bytes.
    const options = { cwd: root, portable: true, gzip, noDirRecurse: false, mtime: new Date(1321009871 * 1000) };
    if (file === '-') {
        const stream = Qn(options, entries);
        await new Promise((resolve, reject) => {
            stream.on('error', reject);
            stream.on('end', resolve);
            stream.pipe((stdout ?? process.stdout));
        });
        return;
    }
    const temporary = `${file}.part-${process.pid}`;
    await Qn({ ...options, file: temporary }, entries);
    external_node_fs_default().renameSync(temporary, file);
}

;// CONCATENATED MODULE: ./src/engine/artifact-state.ts
// Which artifact an element's keys name, and whether the cache holds it: strict mode looks up
// the strong key; non-strict mode accepts any artifact under the weak key, as BuildStream does.
/** The key an element's artifact is stored under when Cairn builds it now. */
function elementKey(element, strict) {
    const keys = element.keys;
    if (!keys)
        throw new Error(`${element.loaded.fullName} has no cache key`);
    return strict ? (keys.strong ?? keys.strict) : keys.strict;
}
function lookupArtifact(cache, element, strict, touch = true) {
    const keys = element.keys;
    if (!keys)
        return undefined;
    const ref = { project: element.loaded.project.name, element: element.loaded.name };
    if (strict)
        return cache.lookup({ ...ref, key: keys.strong ?? keys.strict }, touch);
    return cache.lookup({ ...ref, key: keys.strict }, touch) ?? cache.lookup({ ...ref, key: keys.weak }, touch);
}

;// CONCATENATED MODULE: ./src/cli/commands/artifact.ts
// `cairn artifact checkout|log|list-contents|delete`: reading and removing cached artifacts.






const ARTIFACT_OPTIONS = [
    { name: 'deps', short: 'd', values: 1, choices: ['none', 'run', 'build', 'all'] },
    { name: 'hardlinks', values: 0 },
    { name: 'tar', values: 1 },
    { name: 'integrate', values: 0 },
    { name: 'directory', values: 1 },
    { name: 'long', short: 'l', values: 0 },
];
async function artifactCommand(context) {
    const [verb, ...targets] = context.parsed.positionals;
    switch (verb) {
        case 'checkout':
            return checkoutCommand(context, targets);
        case 'log':
            return logCommand(context, targets);
        case 'list-contents':
            return listContentsCommand(context, targets);
        case 'delete':
            return deleteCommand(context, targets);
        default:
            throw new UsageError(`cairn artifact takes checkout, log, list-contents or delete${verb ? `, not '${verb}'` : ''}`);
    }
}
async function checkoutCommand(context, targets) {
    if (targets.length !== 1)
        throw new UsageError('cairn artifact checkout takes exactly one element');
    // -C is the project directory everywhere, so the checkout directory is --directory here, given after the verb.
    const directoryFlag = one(context.parsed, 'directory');
    const tarFile = one(context.parsed, 'tar');
    if (tarFile !== undefined && directoryFlag !== undefined)
        throw new UsageError('give either --tar or --directory, not both');
    if (tarFile !== undefined && context.flag('hardlinks'))
        throw new UsageError('--hardlinks cannot be used with --tar');
    const graph = await context.loadGraph(targets);
    const element = graph.targets[0];
    const deps = (one(context.parsed, 'deps') ?? 'run');
    const directory = external_node_path_default().resolve(context.io.cwd, directoryFlag ?? element.name.replace(/\.bst$/, '').replace(/\//g, '-'));
    const result = await checkout({
        graph,
        cache: context.cache,
        element,
        deps,
        artifactOf: (e) => context.requireArtifact(graph, e, 'success'),
        target: tarFile !== undefined ? { tar: tarFile === '-' ? '-' : external_node_path_default().resolve(context.io.cwd, tarFile), stdout: context.io.out } : { directory, hardlinks: context.flag('hardlinks') },
        integrate: context.flag('integrate'),
        ...(context.userConfig.bwrap ? { bwrap: context.userConfig.bwrap } : {}),
    });
    if (tarFile !== '-')
        context.io.err.write(`checked out ${element.fullName} (${result.files} files) to ${tarFile ?? directory}\n`);
    return 0;
}
async function logCommand(context, targets) {
    if (targets.length === 0)
        throw new UsageError('cairn artifact log takes one or more elements');
    const graph = await context.loadGraph(targets);
    for (const element of graph.targets) {
        const record = context.requireArtifact(graph, element);
        if (!record.log)
            throw new CairnError('artifact-missing', `the artifact of ${element.fullName} has no build log`);
        context.io.out.write(context.cache.store.readBytes(record.log.hash));
    }
    return 0;
}
async function listContentsCommand(context, targets) {
    if (targets.length === 0)
        throw new UsageError('cairn artifact list-contents takes one or more elements');
    const graph = await context.loadGraph(targets);
    const long = context.flag('long');
    const store = context.cache.store;
    for (const element of graph.targets) {
        const record = context.requireArtifact(graph, element);
        context.io.out.write(`${element.fullName}:\n`);
        const walk = (hash, prefix) => {
            for (const child of [...store.readDirectory(hash)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
                const p = prefix ? `${prefix}/${child.name}` : child.name;
                if (!long)
                    context.io.out.write(`\t${p}\n`);
                else if (child.kind === 'file')
                    context.io.out.write(`\t${permissionString(child.mode ?? defaultFileMode(child.isExecutable))} ${String(child.digest.sizeBytes).padStart(10)} ${p}\n`);
                else if (child.kind === 'symlink')
                    context.io.out.write(`\tlrwxrwxrwx ${'0'.padStart(10)} ${p} -> ${child.target}\n`);
                else
                    context.io.out.write(`\tdrwxr-xr-x ${'0'.padStart(10)} ${p}\n`);
                if (child.kind === 'directory')
                    walk(child.digest.hash, p);
            }
        };
        if (record.files)
            walk(record.files.hash, '');
        context.io.out.write('\n');
    }
    return 0;
}
async function deleteCommand(context, targets) {
    if (targets.length === 0)
        throw new UsageError('cairn artifact delete takes one or more elements');
    const graph = await context.loadGraph(targets);
    let missing = 0;
    for (const element of graph.targets) {
        const keyed = graph.keyed(element);
        const record = lookupArtifact(context.cache, keyed, graph.strict, false);
        if (!record) {
            context.io.err.write(`${element.fullName}: no artifact to delete\n`);
            missing++;
            continue;
        }
        context.cache.delete({ project: record.project, element: record.element, key: record.keys.strong });
        context.io.err.write(`deleted the artifact of ${element.fullName} (${record.keys.strong.slice(0, 8)})\n`);
    }
    return missing > 0 ? 255 : 0;
}
/** `-rwsr-xr-x`, as ls shows a file's mode. */
function permissionString(mode) {
    const bit = (mask, char) => (mode & mask ? char : '-');
    const exec = (x, special, set) => (mode & special ? (mode & x ? set : set.toUpperCase()) : mode & x ? 'x' : '-');
    return ('-' +
        bit(0o400, 'r') + bit(0o200, 'w') + exec(0o100, 0o4000, 's') +
        bit(0o40, 'r') + bit(0o20, 'w') + exec(0o10, 0o2000, 's') +
        bit(0o4, 'r') + bit(0o2, 'w') + exec(0o1, 0o1000, 't'));
}

// EXTERNAL MODULE: external "node:process"
var external_node_process_ = __nccwpck_require__(1708);
var external_node_process_default = /*#__PURE__*/__nccwpck_require__.n(external_node_process_);
;// CONCATENATED MODULE: ./src/cache/artifact-cache.ts
// Artifacts: one small JSON record per element and cache key, naming the output tree and the
// build log in the content store, stored under refs/<project>/<element>/<key> for both the
// strong and the weak key, as BuildStream does. Records are written to a temporary name and
// renamed, so a ref is either absent or complete. Touching a ref marks it recently used.



const ARTIFACT_RECORD_VERSION = 1;
/** BuildStream's normal name: the element path without `.bst`, slashes made dashes. */
function normalName(element) {
    return element.replace(/\.bst$/, '').replace(/\//g, '-');
}
class ArtifactCache {
    directory;
    store;
    refs;
    constructor(directory) {
        this.directory = directory;
        this.store = new ContentStore(external_node_path_default().join(directory, 'cas'));
        this.refs = external_node_path_default().join(directory, 'artifacts', 'refs');
    }
    refPath(ref) {
        return external_node_path_default().join(this.refs, ref.project, normalName(ref.element), ref.key);
    }
    /** The record under this key, or undefined. Marks it used unless `touch` is false. */
    lookup(ref, touch = true) {
        const file = this.refPath(ref);
        let text;
        try {
            text = external_node_fs_default().readFileSync(file, 'utf8');
        }
        catch (error) {
            if (isMissing(error))
                return undefined;
            throw error;
        }
        const record = JSON.parse(text);
        if (record.version !== ARTIFACT_RECORD_VERSION)
            return undefined;
        if (touch)
            touchFile(file);
        return record;
    }
    /** Writes the record under its strong and weak keys. */
    put(record) {
        const text = JSON.stringify(record, null, 1) + '\n';
        for (const key of new Set([record.keys.strong, record.keys.weak])) {
            const file = this.refPath({ project: record.project, element: record.element, key });
            external_node_fs_default().mkdirSync(external_node_path_default().dirname(file), { recursive: true });
            const temporary = this.store.temporaryPath('ref');
            external_node_fs_default().writeFileSync(temporary, text);
            external_node_fs_default().renameSync(temporary, file);
        }
    }
    /** Removes the refs of an artifact (its objects go with the next garbage collection). */
    delete(ref) {
        const record = this.lookup(ref, false);
        if (!record)
            return false;
        const text = external_node_fs_default().readFileSync(this.refPath(ref), 'utf8');
        for (const key of new Set([ref.key, record.keys.strong, record.keys.weak])) {
            const file = this.refPath({ ...ref, key });
            try {
                // A weak ref may since name a newer build of the element: only this record's refs go.
                if (key !== ref.key && external_node_fs_default().readFileSync(file, 'utf8') !== text)
                    continue;
                external_node_fs_default().unlinkSync(file);
            }
            catch (error) {
                if (!isMissing(error))
                    throw error;
            }
        }
        return true;
    }
    /** Every ref file, with when it was last used. */
    *listRefs() {
        for (const project of readdirOrEmpty(this.refs)) {
            for (const element of readdirOrEmpty(external_node_path_default().join(this.refs, project))) {
                for (const key of readdirOrEmpty(external_node_path_default().join(this.refs, project, element))) {
                    const file = external_node_path_default().join(this.refs, project, element, key);
                    let usedMs;
                    try {
                        usedMs = external_node_fs_default().statSync(file).mtimeMs;
                    }
                    catch {
                        continue;
                    }
                    yield { ref: { project, element, key }, path: file, usedMs };
                }
            }
        }
    }
}
function touchFile(file) {
    const now = new Date();
    try {
        external_node_fs_default().utimesSync(file, now, now);
    }
    catch {
        // Another process may have expired it meanwhile; the record already read stays valid.
    }
}
function readdirOrEmpty(dir) {
    try {
        return external_node_fs_default().readdirSync(dir);
    }
    catch (error) {
        if (isMissing(error))
            return [];
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/cache/contained-symlinks.ts
// Keeps an artifact's symlinks inside the artifact: an absolute target (`/usr/lib/libz.so.1`) is
// rewritten relative to the link's own directory, and a relative target that climbs above the
// artifact's root is clamped at the root, as resolving it inside a sandbox would. Inside a
// sandbox the links resolve exactly as before; checked out on a host, they can no longer point
// at the host's files.

/** The tree with every symlink contained; the same digest when nothing needed rewriting. */
function containSymlinks(store, tree) {
    return walk(store, tree, '/');
}
function walk(store, tree, directory) {
    let changed = false;
    const children = store.readDirectory(tree.hash).map((child) => {
        if (child.kind === 'directory') {
            const digest = walk(store, child.digest, external_node_path_default().posix.join(directory, child.name));
            if (digest.hash === child.digest.hash)
                return child;
            changed = true;
            return { ...child, digest };
        }
        if (child.kind === 'symlink') {
            const target = containedTarget(directory, child.target);
            if (target === child.target)
                return child;
            changed = true;
            return { ...child, target };
        }
        return child;
    });
    return changed ? store.putDirectoryMessage(children) : tree;
}
/** The target a link in `directory` (absolute, inside the artifact) should have. */
function containedTarget(directory, target) {
    if (target.startsWith('/'))
        return external_node_path_default().posix.relative(directory, external_node_path_default().posix.normalize(target)) || '.';
    let depth = directory.split('/').filter(Boolean).length;
    for (const part of target.split('/')) {
        if (part === '..')
            depth--;
        else if (part !== '' && part !== '.')
            depth++;
        if (depth < 0) {
            // Climbs above the root: clamp where a resolver inside the artifact would land.
            return external_node_path_default().posix.relative(directory, external_node_path_default().posix.resolve(directory, target)) || '.';
        }
    }
    return target;
}

;// CONCATENATED MODULE: ./src/cache/reachability.ts
// What a ref needs from the content store: the Directory blobs and file objects of its output
// tree, and its log. Garbage collection keeps these and the cache check looks for them; this
// module only reads, and never decides from a record's version alone that its objects are free.



const HASH = /^[0-9a-f]{64}$/;
const reachability_YIELD_EVERY = 256;
function isHash(value) {
    return typeof value === 'string' && HASH.test(value);
}
/** One name per object on disk, matching the file name (`<hash>` or `<hash>x`). */
function objectKey(hash, executable) {
    return executable ? `${hash}x` : hash;
}
/**
 * The roots of the record in a ref file, read without trusting its version: a record written by
 * an older or newer Cairn sharing the cache still holds its objects.
 */
function readRef(file) {
    let text;
    try {
        text = external_node_fs_default().readFileSync(file, 'utf8');
    }
    catch (error) {
        if (isMissing(error))
            return { state: 'missing' };
        throw error;
    }
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch (error) {
        return { state: 'unreadable', message: `not JSON: ${error.message}` };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return { state: 'unreadable', message: 'not a JSON object' };
    }
    const record = parsed;
    const roots = {};
    for (const field of ['files', 'log']) {
        const value = record[field];
        if (value === undefined)
            continue;
        const digest = asDigest(value);
        // A hash that is not 64 hex digits could name any path once joined into the store.
        if (!digest)
            return { state: 'unreadable', message: `'${field}' is not a digest` };
        roots[field] = digest;
    }
    return { state: 'ok', roots, record };
}
function asDigest(value) {
    if (typeof value !== 'object' || value === null)
        return undefined;
    const { hash, sizeBytes } = value;
    if (!isHash(hash) || typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < 0)
        return undefined;
    return { hash, sizeBytes };
}
/**
 * The object for `hash` in the variant asked for. With `acceptOtherVariant`, the other variant
 * stands in when the asked one is absent: blobs are read through either (`readBytes` falls
 * back), and for a file it is the safe answer when unsure which one a reader will use.
 */
function locateObject(store, hash, executable, acceptOtherVariant) {
    const wanted = store.objectPath(hash, executable);
    if (external_node_fs_default().existsSync(wanted))
        return { key: objectKey(hash, executable), path: wanted, present: true };
    if (acceptOtherVariant) {
        const other = store.objectPath(hash, !executable);
        if (external_node_fs_default().existsSync(other))
            return { key: objectKey(hash, !executable), path: other, present: true };
    }
    return { key: objectKey(hash, executable), path: wanted, present: false };
}
/** The entries of the Directory blob at `file`, or undefined when it cannot be read or decoded. */
function readTreeAt(file) {
    try {
        return decodeDirectory(external_node_fs_default().readFileSync(file));
    }
    catch {
        return undefined;
    }
}
/** Lets other work run every few hundred steps of a long synchronous walk. */
class Pacer {
    steps = 0;
    async step() {
        if (++this.steps % reachability_YIELD_EVERY === 0)
            await yieldToEventLoop();
    }
}
/**
 * Calls `visit` once for every object the roots reach that is not yet in `visited` (and adds
 * it). A directory already descended is not descended again, so one `visited` set shared across
 * refs walks each shared subtree once. A directory blob that is missing or does not decode is
 * visited but has no children: whatever it named can no longer be reached through it.
 */
async function walkNeeded(store, roots, visited, visit, pacer) {
    const meet = (hash, executable, sizeBytes) => {
        const object = { ...locateObject(store, hash, executable, true), sizeBytes };
        if (!visited.has(object.key)) {
            visited.add(object.key);
            visit(object);
        }
        return object;
    };
    const walk = async (digest) => {
        // Descent is recorded under its own name: a file may hold exactly a Directory message's bytes
        // (the empty file is the empty directory), and meeting it as a file must not skip the subtree.
        const descended = `/${digest.hash}`;
        if (visited.has(descended))
            return;
        visited.add(descended);
        await pacer.step();
        const directory = meet(digest.hash, false, digest.sizeBytes);
        if (!directory.present)
            return;
        for (const child of readTreeAt(directory.path) ?? []) {
            if (child.kind === 'symlink' || !isHash(child.digest.hash))
                continue;
            if (child.kind === 'directory')
                await walk(child.digest);
            else
                meet(child.digest.hash, child.isExecutable, child.digest.sizeBytes);
        }
    };
    if (roots.log)
        meet(roots.log.hash, false, roots.log.sizeBytes);
    if (roots.files)
        await walk(roots.files);
}

;// CONCATENATED MODULE: ./src/cache/expiry.ts
// Keeping the cache under its quota: whole artifacts go, least recently used first, and then
// the objects no ref needs any more. It must never leave a ref naming a missing object (refs go
// before their objects), expire an artifact being staged or just used, nor remove an object
// another process may have just written or linked. Removal is by unlink only.





const MINUTE = 60 * 1000;
/** Objects younger than this are kept unreferenced: a concurrent build has written them but not yet its ref. */
const DEFAULT_GRACE_MS = MINUTE;
/** A temporary file untouched this long belongs to a process that died mid-write. */
const TEMPORARY_MAX_AGE_MS = 60 * MINUTE;
/**
 * The bytes the objects occupy, as the sum of their apparent sizes (st_size): the same on every
 * filesystem, equal to the digests' sizes, and what a remote cache would count. Each object is
 * one file, so hard links into staged trees are not counted twice.
 */
async function cacheSize(store) {
    const pacer = new Pacer();
    let total = 0;
    for (const object of store.listObjects()) {
        await pacer.step();
        const stat = lstatOrUndefined(object.path);
        if (stat?.isFile())
            total += stat.size;
    }
    return total;
}
/**
 * Removes every object no ref reaches and whose ctime is older than the grace period, and
 * temporary files abandoned for an hour. Objects all carry the same fixed mtime, but ctime
 * changes when one is renamed into place and whenever it gains a hard link, so an object a
 * concurrent process has just written or just staged looks recent and survives.
 */
async function collectGarbage(cache, options = {}) {
    const now = options.now ?? Date.now();
    const cutoff = now - (options.graceMs ?? DEFAULT_GRACE_MS);
    const store = cache.store;
    const pacer = new Pacer();
    const marked = new Set();
    const markedRefs = new Map();
    const mark = async () => {
        for (const entry of cache.listRefs()) {
            if (markedRefs.get(entry.path) === entry.usedMs)
                continue;
            markedRefs.set(entry.path, entry.usedMs);
            const read = readRef(entry.path);
            // An unreadable ref is already broken (the cache check reports it); it holds nothing.
            if (read.state === 'ok')
                await walkNeeded(store, read.roots, marked, () => undefined, pacer);
        }
    };
    await mark();
    // A ref written (or rewritten) while the first pass ran may name objects the pass had not
    // marked; a second pass over the changed refs narrows that window to the sweep itself.
    await mark();
    let removedObjects = 0;
    let freedBytes = 0;
    for (const object of store.listObjects()) {
        await pacer.step();
        if (marked.has(objectKey(object.hash, object.executable)))
            continue;
        const stat = lstatOrUndefined(object.path);
        if (!stat || stat.isDirectory() || stat.ctimeMs >= cutoff)
            continue;
        // Prefix directories stay even when empty: a store caches which ones exist and renames into them.
        if (unlinkIfPresent(object.path)) {
            removedObjects++;
            freedBytes += stat.size;
        }
    }
    let removedTemporaries = 0;
    const temporaries = external_node_path_default().join(store.root, 'tmp');
    for (const name of expiry_readdirOrEmpty(temporaries)) {
        const file = external_node_path_default().join(temporaries, name);
        const stat = lstatOrUndefined(file);
        // A directory may still be filled deep below while its own times stand still, so only files go.
        if (!stat || stat.isDirectory())
            continue;
        // ctime as well as mtime: a blob about to be published has had its mtime set back to 2011.
        if (Math.max(stat.ctimeMs, stat.mtimeMs) >= now - TEMPORARY_MAX_AGE_MS)
            continue;
        if (unlinkIfPresent(file))
            removedTemporaries++;
    }
    return { removedObjects, freedBytes, removedTemporaries };
}
/**
 * When the cache exceeds the quota, removes whole artifacts, least recently used first, and
 * collects their objects, until it is under `lowWatermark * quota` or nothing more may go.
 */
async function expireArtifacts(cache, options) {
    const lowWatermark = options.lowWatermark ?? 0.8;
    if (!(options.quotaBytes >= 0))
        throw new RangeError(`quota must be a non-negative number of bytes, not ${options.quotaBytes}`);
    if (!(lowWatermark > 0 && lowWatermark <= 1))
        throw new RangeError(`low watermark must be in (0, 1], not ${lowWatermark}`);
    const now = options.now ?? Date.now();
    const recentCutoff = now - (options.recentMs ?? 10 * MINUTE);
    const pinned = options.pinned ?? new Set();
    const garbage = { now, ...(options.graceMs === undefined ? {} : { graceMs: options.graceMs }) };
    const target = lowWatermark * options.quotaBytes;
    const store = cache.store;
    const pacer = new Pacer();
    const sizeBefore = await cacheSize(store);
    if (sizeBefore <= options.quotaBytes)
        return { removedArtifacts: [], freedBytes: 0, sizeBefore, sizeAfter: sizeBefore };
    // Objects nobody needs go first: they cost no artifact.
    let freedBytes = (await collectGarbage(cache, garbage)).freedBytes;
    let size = await cacheSize(store);
    const removedArtifacts = [];
    // Every round removes at least one new artifact or stops, so a ref that will not go cannot loop.
    const attempted = new Set();
    while (size > target) {
        const holders = gatherHolders(cache);
        const candidates = holders
            .filter((h) => h.artifact && !attempted.has(h.id) && h.usedMs < recentCutoff && !h.refs.some((r) => pinned.has(r.path)))
            .sort((a, b) => a.usedMs - b.usedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        if (candidates.length === 0)
            break;
        // Count how many records hold each object, so removing an artifact frees exactly the
        // objects it alone held; then choose just enough artifacts and collect once.
        const holdersOf = new Map();
        const sizeOf = new Map();
        for (const holder of holders) {
            await walkNeeded(store, holder.roots, new Set(), (object) => {
                if (!object.present)
                    return;
                holdersOf.set(object.key, (holdersOf.get(object.key) ?? 0) + 1);
                sizeOf.set(object.key, object.sizeBytes);
            }, pacer);
        }
        let estimate = size;
        const chosen = [];
        for (const candidate of candidates) {
            if (estimate <= target)
                break;
            chosen.push(candidate);
            await walkNeeded(store, candidate.roots, new Set(), (object) => {
                if (!object.present)
                    return;
                const left = (holdersOf.get(object.key) ?? 1) - 1;
                holdersOf.set(object.key, left);
                if (left === 0)
                    estimate -= sizeOf.get(object.key) ?? 0;
            }, pacer);
        }
        for (const holder of chosen) {
            attempted.add(holder.id);
            if (holder.artifact && removeRefs(holder))
                removedArtifacts.push(holder.artifact);
        }
        freedBytes += (await collectGarbage(cache, garbage)).freedBytes;
        size = await cacheSize(store);
    }
    return { removedArtifacts, freedBytes, sizeBefore, sizeAfter: size };
}
/**
 * Every ref, grouped by the record it holds: an artifact's strong and weak refs hold the same
 * record. Grouping is by the record's own strong key rather than by its `keys.weak`, because a
 * later build with the same weak key rewrites the weak ref to hold a newer record.
 */
function gatherHolders(cache) {
    const holders = new Map();
    for (const entry of cache.listRefs()) {
        const read = readRef(entry.path);
        if (read.state !== 'ok')
            continue;
        const artifact = currentArtifact(read.record);
        const id = artifact ? `${external_node_path_default().dirname(entry.path)}\0${artifact.key}` : entry.path;
        let holder = holders.get(id);
        if (!holder) {
            holder = { id, roots: read.roots, refs: [], usedMs: entry.usedMs, ...(artifact ? { artifact } : {}) };
            holders.set(id, holder);
        }
        holder.refs.push({ path: entry.path, usedMs: entry.usedMs });
        holder.usedMs = Math.max(holder.usedMs, entry.usedMs);
    }
    return [...holders.values()];
}
function currentArtifact(record) {
    const keys = record['keys'];
    const { project, element } = record;
    if (record['version'] !== ARTIFACT_RECORD_VERSION || typeof project !== 'string' || typeof element !== 'string')
        return undefined;
    if (typeof keys !== 'object' || keys === null || typeof keys.strong !== 'string')
        return undefined;
    return { project, element, key: keys.strong };
}
/**
 * Unlinks the refs of one artifact, unless one was used since it was listed (someone started
 * staging it) or now holds another record: then the artifact stays whole. Exactly the refs
 * that hold this record go, never a weak ref that has since moved on to a newer build.
 */
function removeRefs(holder) {
    for (const ref of holder.refs) {
        const stat = lstatOrUndefined(ref.path);
        if (!stat || stat.mtimeMs !== ref.usedMs)
            return false;
        const read = readRef(ref.path);
        if (read.state !== 'ok' || currentArtifact(read.record)?.key !== holder.artifact?.key)
            return false;
    }
    let removed = false;
    for (const ref of holder.refs)
        removed = unlinkIfPresent(ref.path) || removed;
    return removed;
}
function lstatOrUndefined(file) {
    try {
        return external_node_fs_default().lstatSync(file);
    }
    catch (error) {
        // Another process may have removed it meanwhile.
        if (isMissing(error))
            return undefined;
        throw error;
    }
}
function unlinkIfPresent(file) {
    try {
        external_node_fs_default().unlinkSync(file);
        return true;
    }
    catch (error) {
        if (isMissing(error))
            return false;
        throw error;
    }
}
function expiry_readdirOrEmpty(dir) {
    try {
        return external_node_fs_default().readdirSync(dir);
    }
    catch (error) {
        if (isMissing(error))
            return [];
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/project/plugin-api.ts
// The contract between Cairn's engine and an element kind. Built-in kinds in plugins/ use exactly
// this API, as a project's own plugin (project.conf `plugins:` with `origin: local`) would.
function canAssemble(plugin) {
    return typeof plugin.assemble === 'function';
}

;// CONCATENATED MODULE: ./src/scheduler/item-graph.ts
// Turns a session's items into index-based dependency and dependent lists for the scheduler,
// and rejects what it cannot schedule (duplicate ids, cycles). It describes the graph; it never
// decides what runs.
/**
 * Builds the graph in O(items + edges). Throws an Error (a programming error of the caller: the
 * loader already rejects cycles) on a duplicate id or a dependency cycle, which would otherwise
 * leave an ordered queue waiting forever.
 */
function buildItemGraph(items) {
    const indexOf = new Map();
    items.forEach((item, index) => {
        if (indexOf.has(item.id))
            throw new Error(`scheduler: item id '${item.id}' appears more than once`);
        indexOf.set(item.id, index);
    });
    const dependencies = [];
    const dependents = items.map(() => []);
    // lastSeenBy[j] === i when item i already listed j: dedupes without a Set per item.
    const lastSeenBy = new Int32Array(items.length).fill(-1);
    items.forEach((item, index) => {
        const own = [];
        for (const id of item.dependsOn) {
            const dep = indexOf.get(id);
            if (dep === undefined || lastSeenBy[dep] === index)
                continue;
            lastSeenBy[dep] = index;
            own.push(dep);
            dependents[dep].push(index);
        }
        dependencies.push(own);
    });
    assertAcyclic(items, dependencies, dependents);
    return { dependencies, dependents };
}
/** Kahn's algorithm; on failure, names one cycle (not everything downstream of it). */
function assertAcyclic(items, dependencies, dependents) {
    const remaining = Int32Array.from(dependencies, (deps) => deps.length);
    const free = [];
    remaining.forEach((count, index) => {
        if (count === 0)
            free.push(index);
    });
    let sorted = 0;
    while (free.length > 0) {
        const index = free.pop();
        sorted++;
        for (const dependent of dependents[index]) {
            if (--remaining[dependent] === 0)
                free.push(dependent);
        }
    }
    if (sorted === items.length)
        return;
    // Every unsorted item has an unsorted dependency, so following those from any of them must loop.
    let at = remaining.findIndex((count) => count > 0);
    const visitedAt = new Map();
    const path = [];
    while (!visitedAt.has(at)) {
        visitedAt.set(at, path.length);
        path.push(at);
        at = dependencies[at].find((dep) => remaining[dep] > 0);
    }
    const cycle = [...path.slice(visitedAt.get(at)), at].map((index) => items[index].id);
    throw new Error(`scheduler: dependency cycle: ${cycle.join(' -> ')}`);
}

;// CONCATENATED MODULE: ./src/scheduler/ready-list.ts
// The items ready for one queue, handed out earliest in the session's list first (callers list
// items in dependency order, so this starts what unblocks most). It orders indices; it never
// decides whether an item may run.
/** A binary min-heap of item indices: O(log n) per push and pop, so 10,000 ready items stay cheap. */
class ReadyList {
    heap = [];
    get size() {
        return this.heap.length;
    }
    push(index) {
        const heap = this.heap;
        let at = heap.length;
        heap.push(index);
        while (at > 0) {
            const parent = (at - 1) >> 1;
            const above = heap[parent];
            if (above <= index)
                break;
            heap[at] = above;
            at = parent;
        }
        heap[at] = index;
    }
    /** The smallest index, or undefined when nothing is ready. */
    pop() {
        const heap = this.heap;
        const top = heap[0];
        const last = heap.pop();
        if (top === undefined || last === undefined || heap.length === 0)
            return top;
        // Sift the last element down from the root into the hole left by the top.
        let at = 0;
        for (;;) {
            const left = 2 * at + 1;
            if (left >= heap.length)
                break;
            const right = left + 1;
            const child = right < heap.length && heap[right] < heap[left] ? right : left;
            const below = heap[child];
            if (below >= last)
                break;
            heap[at] = below;
            at = child;
        }
        heap[at] = last;
        return top;
    }
}

;// CONCATENATED MODULE: ./src/scheduler/scheduler.ts
// The generic job scheduler: moves items through an ordered list of queues (fetch, pull, build,
// push…) within per-queue limits and in dependency order, and owns the error policy and
// interruption, as BuildStream's scheduler does. It must never know what an item is (no elements,
// caches or sandboxes here), never poll or set timers (every step follows a job's settlement), and
// never keep state outside one run.


/**
 * One session per instance: run() once, terminate() at any time. Rejects (programming errors) on
 * a second run(), a duplicate item id or a dependency cycle; the constructor throws on a limit below 1.
 */
class Scheduler {
    options;
    session;
    terminatedBeforeRun = false;
    constructor(options) {
        for (const queue of options.queues) {
            if (!(queue.limit >= 1))
                throw new Error(`scheduler: queue '${queue.name}' has limit ${queue.limit}; it must be at least 1`);
        }
        this.options = options;
    }
    run(items) {
        if (this.session !== undefined) {
            return Promise.reject(new Error('scheduler: run() was already called; a Scheduler runs one session'));
        }
        let session;
        try {
            session = new Session(this.options, items);
        }
        catch (error) {
            return Promise.reject(error);
        }
        this.session = session;
        return session.start(this.terminatedBeforeRun);
    }
    /** Stops the session as `terminate` does: aborts running jobs' signals, starts nothing new; run() resolves once running jobs have settled. Idempotent. Used by the front ends on SIGINT/SIGTERM. */
    terminate() {
        if (this.session === undefined)
            this.terminatedBeforeRun = true;
        else
            this.session.terminate();
    }
}
/**
 * The state of one run. Every change happens inside transition(), which is never re-entered:
 * callbacks into user code (onEvent, needsJob, aborting signals) may call terminate(), which then
 * only raises a flag that the transition applies when its own step is complete.
 */
class Session {
    entries;
    queues;
    onError;
    onEvent;
    /** Items whose stage changed, in the order they changed; a FIFO with a moving head. */
    arrivals = [];
    arrivalsHead = 0;
    controllers = new Map();
    running = 0;
    unfinished;
    /** quit or terminate has been applied: nothing new starts, nothing advances. */
    stopping = false;
    interrupted = false;
    terminateRequested = false;
    eventError;
    internalError;
    busy = false;
    finished = false;
    settled;
    resolve;
    reject;
    constructor(options, items) {
        const graph = buildItemGraph(items);
        this.entries = items.map((item, index) => ({
            index,
            id: item.id,
            value: item.value,
            dependents: graph.dependents[index],
            stage: 0,
            state: 'arriving',
            doomed: false,
            failedIn: undefined,
            needsJobError: undefined,
        }));
        this.queues = options.queues.map((spec) => ({
            spec,
            ready: new ReadyList(),
            unpassed: spec.ordered ? Int32Array.from(graph.dependencies, (deps) => deps.length) : undefined,
            running: 0,
        }));
        this.onError = options.onError;
        this.onEvent = options.onEvent;
        this.unfinished = items.length;
        let resolve;
        let reject;
        this.settled = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
        });
        this.resolve = resolve;
        this.reject = reject;
    }
    start(terminateRequested) {
        this.terminateRequested = terminateRequested;
        this.transition(() => {
            for (const entry of this.entries)
                this.arrivals.push(entry.index);
        });
        return this.settled;
    }
    terminate() {
        if (this.finished)
            return;
        this.terminateRequested = true;
        if (!this.busy)
            this.transition(() => undefined);
    }
    /** Whether nothing may start or advance any more (a stop is applied or about to be). */
    get halted() {
        return this.stopping || this.terminateRequested || this.eventError !== undefined || this.internalError !== undefined;
    }
    transition(step) {
        if (this.finished || this.busy)
            return;
        this.busy = true;
        try {
            step();
            this.drainArrivals();
            this.startJobs();
        }
        catch (error) {
            this.internalError ??= { error };
        }
        try {
            // A quit is applied where the failure happens; what arrives here is terminate() called from a
            // callback, or a broken subscriber or scheduler bug, all of which stop the session hard.
            const stopRequested = this.terminateRequested || this.eventError !== undefined || this.internalError !== undefined;
            if (stopRequested && !this.interrupted)
                this.stop(true);
        }
        catch (error) {
            this.internalError ??= { error };
        }
        this.busy = false;
        this.finishIfSettled();
    }
    drainArrivals() {
        while (this.arrivalsHead < this.arrivals.length) {
            // Once halted, stop() skips whatever is still arriving; deciding readiness would be wasted work.
            if (this.halted)
                break;
            const entry = this.entries[this.arrivals[this.arrivalsHead++]];
            if (entry.state === 'arriving')
                this.arrive(entry);
        }
        this.arrivals = [];
        this.arrivalsHead = 0;
    }
    /** Decides what an item whose stage changed does next: wait for dependencies, pass, or queue for a job. */
    arrive(entry) {
        const stage = entry.stage;
        const queue = this.queues[stage];
        if (queue.unpassed !== undefined && queue.unpassed[entry.index] > 0) {
            entry.state = 'waiting';
            return;
        }
        if (queue.spec.needsJob !== undefined) {
            let needed = true;
            try {
                needed = queue.spec.needsJob(entry.value);
            }
            catch (error) {
                entry.needsJobError = { error };
            }
            if (!needed) {
                this.pass(entry, stage);
                return;
            }
        }
        entry.state = 'ready';
        queue.ready.push(entry.index);
    }
    /** The item passed queue `stage` (done or skipped): release dependents waiting on it there, and move it on. */
    pass(entry, stage) {
        const unpassed = this.queues[stage].unpassed;
        if (unpassed !== undefined) {
            for (const dependent of entry.dependents) {
                if (--unpassed[dependent] > 0)
                    continue;
                const other = this.entries[dependent];
                if (other.stage === stage && other.state === 'waiting')
                    this.enqueueArrival(other);
            }
        }
        entry.stage = stage + 1;
        if (entry.stage < this.queues.length) {
            this.enqueueArrival(entry);
        }
        else {
            entry.state = 'completed';
            this.unfinished--;
        }
    }
    enqueueArrival(entry) {
        entry.state = 'arriving';
        this.arrivals.push(entry.index);
    }
    startJobs() {
        this.queues.forEach((queue, stage) => {
            while (!this.halted && queue.running < queue.spec.limit) {
                const index = queue.ready.pop();
                if (index === undefined)
                    break;
                const entry = this.entries[index];
                // Entries skipped since they were queued stay in the heap; dropping them here is cheaper than searching for them.
                if (entry.state === 'ready' && entry.stage === stage)
                    this.startJob(entry, queue);
            }
        });
    }
    startJob(entry, queue) {
        entry.state = 'running';
        queue.running++;
        this.running++;
        const controller = new AbortController();
        this.controllers.set(entry, controller);
        const needsJobError = entry.needsJobError;
        entry.needsJobError = undefined;
        this.emit({ type: 'job-start', queue: queue.spec.name, item: entry.value, id: entry.id });
        // execute() never rejects: every outcome of the job becomes a settlement, and settlement errors
        // are recorded as internal errors that reject run().
        void this.execute(entry, queue, controller, needsJobError);
    }
    async execute(entry, queue, controller, needsJobError) {
        const started = performance.now();
        let result;
        let error;
        try {
            // Yield first, so that a job which throws or returns at once still settles outside the
            // transition that started it.
            await Promise.resolve();
            if (needsJobError !== undefined)
                throw needsJobError.error;
            const outcome = await queue.spec.run(entry.value, controller.signal);
            if (outcome === 'done' || outcome === 'skipped' || outcome === 'failed') {
                result = outcome;
            }
            else {
                result = 'failed';
                error = { error: new Error(`scheduler: the ${queue.spec.name} job for '${entry.id}' returned ${String(outcome)}, not 'done', 'skipped' or 'failed'`) };
            }
        }
        catch (thrown) {
            result = 'failed';
            error = { error: thrown };
        }
        const durationMs = performance.now() - started;
        this.transition(() => this.settle(entry, queue, result, error, durationMs, controller.signal.aborted));
    }
    settle(entry, queue, result, error, durationMs, aborted) {
        queue.running--;
        this.running--;
        this.controllers.delete(entry);
        const stage = entry.stage;
        this.emit({
            type: 'job-end',
            queue: queue.spec.name,
            item: entry.value,
            id: entry.id,
            result,
            durationMs,
            ...(error !== undefined ? { error: error.error } : {}),
        });
        if (result === 'failed') {
            // A job that fails after we aborted it was interrupted, not broken: counting it as a failure
            // would report every job that Ctrl-C cut short.
            if (aborted)
                this.skip(entry, entry.doomed ? 'dependency-failed' : 'stopped');
            else
                this.fail(entry, queue.spec.name);
        }
        else if (entry.doomed) {
            this.skip(entry, 'dependency-failed');
        }
        else if (this.stopping && stage < this.queues.length - 1) {
            this.skip(entry, 'stopped');
        }
        else {
            this.pass(entry, stage);
        }
    }
    fail(entry, queue) {
        entry.state = 'failed';
        entry.failedIn = queue;
        this.unfinished--;
        this.skipDependentsOf(entry);
        if (this.onError === 'quit')
            this.stop(false);
        else if (this.onError === 'terminate')
            this.stop(true);
    }
    /** Skips every transitive dependent not yet finished; each item is visited once per session, so all failures together cost O(items + edges). */
    skipDependentsOf(failed) {
        const pending = [...failed.dependents];
        while (pending.length > 0) {
            const entry = this.entries[pending.pop()];
            if (entry.doomed)
                continue;
            entry.doomed = true;
            // A running dependent is skipped when its job settles, so its job-end still comes first.
            if (entry.state === 'arriving' || entry.state === 'waiting' || entry.state === 'ready') {
                this.skip(entry, 'dependency-failed');
            }
            for (const dependent of entry.dependents)
                pending.push(dependent);
        }
    }
    /** Applies quit (abortRunning false) or terminate (true). Idempotent; terminate after quit still aborts. */
    stop(abortRunning) {
        if (abortRunning && !this.interrupted) {
            this.interrupted = true;
            for (const controller of [...this.controllers.values()])
                controller.abort();
        }
        if (this.stopping)
            return;
        this.stopping = true;
        for (const entry of this.entries) {
            if (entry.state === 'arriving' || entry.state === 'waiting' || entry.state === 'ready')
                this.skip(entry, 'stopped');
        }
    }
    skip(entry, reason) {
        entry.state = 'skipped';
        this.unfinished--;
        this.emit({ type: 'item-skipped', item: entry.value, id: entry.id, reason });
    }
    emit(event) {
        if (this.onEvent === undefined)
            return;
        let returned;
        try {
            returned = this.onEvent(event);
        }
        catch (error) {
            this.eventError ??= { error };
            return;
        }
        // A subscriber typed `=> void` may still be async; its rejection must not become an unhandled one.
        // After the session has finished there is no run() left to reject, so a late rejection is dropped.
        // The handler cannot throw (transition() catches everything), hence `void`.
        if (isThenable(returned)) {
            void Promise.resolve(returned).then(undefined, (error) => {
                if (this.finished)
                    return;
                this.eventError ??= { error };
                if (!this.busy)
                    this.transition(() => undefined);
            });
        }
    }
    finishIfSettled() {
        if (this.finished || this.busy || this.running > 0)
            return;
        if (!this.stopping && this.unfinished > 0) {
            // Nothing runs and nothing can start, yet items remain: a bookkeeping bug. Fail rather than hang.
            this.internalError ??= { error: new Error(`scheduler: stalled with ${this.unfinished} unfinished items`) };
        }
        this.finished = true;
        if (this.internalError !== undefined)
            this.reject(this.internalError.error);
        else if (this.eventError !== undefined)
            this.reject(this.eventError.error);
        else
            this.resolve(this.summary());
    }
    summary() {
        const completed = [];
        const failed = [];
        const skipped = [];
        for (const entry of this.entries) {
            if (entry.state === 'completed')
                completed.push(entry.value);
            else if (entry.state === 'failed')
                failed.push({ item: entry.value, queue: entry.failedIn ?? '' });
            else
                skipped.push(entry.value);
        }
        return { completed, failed, skipped, interrupted: this.interrupted };
    }
}
function isThenable(value) {
    return typeof value === 'object' && value !== null && typeof value.then === 'function';
}

;// CONCATENATED MODULE: ./src/scheduler/job-log.ts
// One job's log file: the element, the action, each command and all its output. Lines are
// appended synchronously so the log is complete up to the moment a job dies; the sandbox
// writes command output straight into the same file descriptor.


class JobLog {
    file;
    fd;
    closed = false;
    constructor(file) {
        this.file = file;
        external_node_fs_default().mkdirSync(external_node_path_default().dirname(file), { recursive: true });
        this.fd = external_node_fs_default().openSync(file, 'a');
    }
    line(text) {
        if (this.closed)
            return;
        external_node_fs_default().writeSync(this.fd, text.endsWith('\n') ? text : `${text}\n`);
    }
    close() {
        if (this.closed)
            return;
        this.closed = true;
        external_node_fs_default().closeSync(this.fd);
    }
}
/** Where a job's log goes: `<logdir>/<project>/<element>/<key8>-<action>.<timestamp>.log`, as BuildStream lays them out. */
function jobLogPath(logDirectory, project, normalElementName, key, action, now) {
    const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
    return external_node_path_default().join(logDirectory, project, normalElementName, `${key.slice(0, 8)}-${action}.${stamp}-${process.pid}.log`);
}

;// CONCATENATED MODULE: ./src/cache/glob.ts
// BuildStream's path globs (split rules, overlap whitelists): `*` stays inside one path
// component, `**` crosses them, `?` is one non-slash character, `[...]` a class (`!` negates).
// Matching is anchored and against absolute paths.
function globToRegExpSource(glob) {
    let out = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*') {
            if (glob[i + 1] === '*') {
                out += '.*';
                i++;
            }
            else
                out += '[^/]*';
        }
        else if (c === '?') {
            out += '[^/]';
        }
        else if (c === '[') {
            const close = glob.indexOf(']', i + 2);
            if (close < 0) {
                out += '\\[';
                continue;
            }
            let body = glob.slice(i + 1, close);
            if (body.startsWith('!'))
                body = '^' + body.slice(1);
            out += '[' + body.replace(/\\/g, '\\\\') + ']';
            i = close;
        }
        else {
            out += c.replace(/[.+^${}()|\\/]/g, '\\$&');
        }
    }
    return out;
}
/** One matcher for a list of globs; an empty list matches nothing. */
function globMatcher(globs) {
    if (globs.length === 0)
        return () => false;
    const re = new RegExp(`^(?:${globs.map(globToRegExpSource).join('|')})$`, 's');
    return (path) => re.test(path);
}

;// CONCATENATED MODULE: ./src/engine/element-build.ts
// One element's build: the BuildContext an element kind assembles through. It stages
// dependency artifacts (in memory first, then onto disk as hard links or copies), runs
// commands in the sandbox, and stores results in the content store. It never writes a ref:
// the build session decides what becomes an artifact.







/** A failed sandbox command, carrying where the command was written. */
class CommandFailed extends Error {
    command;
    exitCode;
    constructor(command, exitCode) {
        super(`command '${command.label}' failed with exit code ${exitCode}`);
        this.command = command;
        this.exitCode = exitCode;
        this.name = 'CommandFailed';
    }
}
class BuildAborted extends Error {
    constructor() {
        super('build interrupted');
        this.name = 'BuildAborted';
    }
}
class ElementBuild {
    inputs;
    staging;
    staged = [];
    rootDirectory;
    mounts = new Map();
    /** How the staged tree is on disk: not yet, as hard links (never written through), or as a private copy. */
    onDisk = 'no';
    /** Whether integration changed the root on disk (then the disk, not the staging plan, is the truth). */
    rootChanged = false;
    /** Whether an earlier run wrote into the overlay's upper layer, which later runs must see. */
    layered = false;
    /** One scratch directory for every run of this build, so the overlay's upper layer persists between them. */
    scratch;
    buildRoot;
    installRoot;
    constructor(inputs) {
        this.inputs = inputs;
        this.staging = new StagingArea(inputs.store);
        this.rootDirectory = external_node_path_default().join(inputs.workDirectory, 'root');
        this.scratch = external_node_path_default().join(inputs.workDirectory, 'scratch');
        const variables = inputs.element.composed.view.variables;
        this.buildRoot = variables.get('build-root') ?? '/buildstream/build';
        this.installRoot = variables.get('install-root') ?? '/buildstream-install';
    }
    log(line) {
        this.inputs.log.line(line);
    }
    stageDependencies(dependencies, location) {
        const loaded = dependencies.map((dep) => this.loadedOf(dep));
        const project = this.inputs.element.loaded.project;
        for (const element of dependenciesOf(loaded, 'run')) {
            const record = this.inputs.artifactOf(element);
            if (!record.files)
                throw new CairnError('artifact-missing', `the artifact of ${element.fullName} has no files`);
            const whitelist = publicList(record, 'overlap-whitelist');
            const mayOverwrite = whitelist.length > 0 ? globMatcher(whitelist) : undefined;
            this.staging.add({
                name: element.fullName,
                tree: record.files.hash,
                location,
                ...(mayOverwrite ? { mayOverwrite } : {}),
            });
            this.staged.push({ element, record, location });
        }
        const report = this.staging.report();
        if (report.overlaps.length > 0) {
            const lines = report.overlaps.map((o) => `  ${o.path}: ${o.writers.join(' over ')}`);
            const fatal = project.fatalWarnings.includes('overlaps');
            this.log(`${fatal ? 'error' : 'warning'}: non-whitelisted overlaps detected:\n${lines.join('\n')}`);
            if (fatal) {
                throw new CairnError('staging-overlap', `non-whitelisted overlaps while staging ${this.inputs.element.loaded.fullName}: ${report.overlaps.map((o) => o.path).join(', ')}`, this.inputs.element.loaded.kindAt, "add the paths to the overlapping element's public: bst: overlap-whitelist, or remove 'overlaps' from fatal-warnings");
            }
        }
        if (report.ignored.length > 0) {
            this.log(`warning: not staging files that would replace non-empty directories: ${report.ignored.map((i) => `${i.path} (${i.layer})`).join(', ')}`);
        }
    }
    async integrate(options = {}) {
        // As in BuildStream, a dependency's commands run with that dependency's environment; runs of
        // dependencies with the same environment share one sandbox.
        const batches = [];
        for (const staged of this.staged) {
            if (staged.location !== '/')
                continue;
            const commands = publicList(staged.record, 'integration-commands').map((command, i) => ({
                label: `integration-commands[${i}] of ${staged.element.fullName}`,
                command,
            }));
            if (commands.length === 0)
                continue;
            const env = sandboxEnvironment(this.inputs.environmentOf(staged.element));
            const last = batches[batches.length - 1];
            if (last && sameEnvironment(last.env, env))
                last.commands.push(...commands);
            else
                batches.push({ env, commands });
        }
        if (batches.length === 0)
            return;
        this.log(`integrating ${batches.reduce((n, batch) => n + batch.commands.length, 0)} command(s)`);
        for (const batch of batches) {
            await this.runCommands(batch.commands, { cwd: '/', rootReadOnly: false, inPlace: options.inPlace ?? false, env: batch.env });
        }
    }
    async stageSources(sandboxPath) {
        const host = this.mountFor(sandboxPath);
        await this.stageSourcesInto(host);
    }
    async run(commands, options) {
        for (const writable of options.writable ?? [this.buildRoot, this.installRoot])
            this.mountFor(writable);
        const env = options.environment ? { ...sandboxEnvironment(this.inputs.element.composed.environment), ...options.environment } : undefined;
        await this.runCommands(commands, { cwd: options.cwd, rootReadOnly: options.rootReadOnly, inPlace: false, ...(env ? { env } : {}) });
    }
    dependenciesTree(dependencies) {
        const area = new StagingArea(this.inputs.store);
        for (const element of dependenciesOf(dependencies.map((dep) => this.loadedOf(dep)), 'run')) {
            const record = this.inputs.artifactOf(element);
            if (record.files)
                area.add({ name: element.fullName, tree: record.files.hash, location: '/' });
        }
        return area.toTree(() => true);
    }
    async collect(sandboxPath) {
        const host = this.mounts.get(external_node_path_default().posix.normalize(sandboxPath));
        if (!host)
            return this.inputs.store.emptyDirectory();
        const result = await this.inputs.store.putDirectory(host, { move: true });
        if (result.skipped.length > 0)
            this.log(`warning: not kept (not a file, directory or symlink): ${result.skipped.join(', ')}`);
        return result.digest;
    }
    async sourceTree() {
        const host = external_node_path_default().join(this.inputs.workDirectory, 'sources');
        external_node_fs_default().mkdirSync(host, { recursive: true });
        await this.stageSourcesInto(host);
        return (await this.inputs.store.putDirectory(host, { move: true })).digest;
    }
    subtree(tree, relative) {
        let current = tree;
        for (const part of relative.split('/').filter((p) => p && p !== '.')) {
            const child = this.inputs.store.readDirectory(current.hash).find((c) => c.name === part);
            if (!child || child.kind !== 'directory')
                return undefined;
            current = child.digest;
        }
        return current;
    }
    placeTree(tree, relative) {
        const parts = relative.split('/').filter((p) => p && p !== '.');
        let current = tree;
        for (const name of parts.reverse())
            current = this.inputs.store.putDirectoryMessage([{ kind: 'directory', name, digest: current }]);
        return current;
    }
    emptyTree() {
        return this.inputs.store.emptyDirectory();
    }
    manifest(of, selection, unknownDomain) {
        const out = new Set();
        const judged = of === 'staged' ? this.staged : [{ record: this.inputs.artifactOf(this.loadedOf(of)), location: '/' }];
        if (unknownDomain) {
            const known = new Set(judged.flatMap(({ record }) => Object.keys(splitRules(record))));
            for (const domain of [...selection.include, ...selection.exclude])
                if (!known.has(domain))
                    unknownDomain(domain);
        }
        for (const { record, location } of judged) {
            const rules = splitRules(record);
            const domains = Object.keys(rules);
            const matchers = new Map(domains.map((d) => [d, globMatcher(rules[d])]));
            const include = (selection.include.length > 0 ? selection.include : domains).filter((d) => matchers.has(d));
            const exclude = selection.exclude.filter((d) => matchers.has(d));
            for (const file of this.treePaths(record.files?.hash)) {
                let claimed = false;
                let included = false;
                let excluded = false;
                for (const [domain, matches] of matchers) {
                    if (!matches(file))
                        continue;
                    claimed = true;
                    if (include.includes(domain))
                        included = true;
                    if (exclude.includes(domain))
                        excluded = true;
                }
                if (selection.includeOrphans && !claimed)
                    included = true;
                if (included && !excluded)
                    out.add(location === '/' ? file : external_node_path_default().posix.join(location, file));
            }
        }
        return out;
    }
    async dependencyTree(dependency, keep) {
        const record = this.inputs.artifactOf(this.loadedOf(dependency));
        if (!record.files)
            return this.emptyTree();
        return this.filterTree(record.files, '', keep);
    }
    async stagedTree(keep) {
        if (this.rootChanged) {
            return (await this.inputs.store.putDirectory(this.rootDirectory, { move: true, select: keep })).digest;
        }
        const area = new StagingArea(this.inputs.store);
        // Re-merging from the records gives the staged tree without touching the disk.
        for (const staged of this.staged)
            area.add({ name: staged.element.fullName, tree: staged.record.files.hash, location: staged.location });
        return area.toTree(keep);
    }
    async stagedPaths() {
        if (!this.rootChanged)
            return new Set(this.staging.paths());
        const out = new Set();
        const walk = (host, prefix) => {
            for (const entry of external_node_fs_default().readdirSync(host, { withFileTypes: true })) {
                const p = `${prefix}/${entry.name}`;
                out.add(p);
                if (entry.isDirectory())
                    walk(external_node_path_default().join(host, entry.name), p);
            }
        };
        walk(this.rootDirectory, '');
        return out;
    }
    dependencyPublicList(dependency, key) {
        return publicList(this.inputs.artifactOf(this.loadedOf(dependency)), key);
    }
    // -------------------------------------------------------------------------------------------
    loadedOf(dependency) {
        const { loaded, composed } = this.inputs.element;
        const index = composed.view.dependencies.indexOf(dependency);
        const found = index >= 0 ? loaded.dependencies[index]?.element : loaded.dependencies.find((d) => d.element.fullName === dependency.fullName)?.element;
        if (!found)
            throw new Error(`${dependency.fullName} is not a dependency of ${loaded.fullName}`);
        return found;
    }
    mountFor(sandboxPath) {
        const normal = external_node_path_default().posix.normalize(sandboxPath);
        let host = this.mounts.get(normal);
        if (!host) {
            host = external_node_path_default().join(this.inputs.workDirectory, `mount-${this.mounts.size}`);
            external_node_fs_default().mkdirSync(host, { recursive: true });
            this.mounts.set(normal, host);
        }
        return host;
    }
    async stageSourcesInto(host) {
        for (const source of this.inputs.element.composed.sources) {
            const { plugin, view } = source;
            const target = view.directory ? external_node_path_default().join(host, view.directory) : host;
            if (!external_node_path_default().resolve(target).startsWith(external_node_path_default().resolve(host))) {
                throw new CairnError('invalid-data', `source directory '${view.directory}' leaves the build directory`, view.at);
            }
            external_node_fs_default().mkdirSync(target, { recursive: true });
            if (plugin.isCached && !plugin.isCached(view, this.inputs.sourceContext)) {
                throw new CairnError('source-not-cached', `the ${view.kind} source of ${this.inputs.element.loaded.fullName} is not fetched`, view.at, 'run cairn fetch first, or build (which fetches)');
            }
            if (!plugin.stage)
                throw new CairnError('unsupported-plugin', `Cairn cannot stage ${view.kind} sources yet`, view.at);
            this.log(`staging ${view.kind} source${view.directory ? ` into ${view.directory}` : ''}`);
            await plugin.stage(view, target, this.inputs.sourceContext);
        }
    }
    async ensureRoot(how) {
        if (this.onDisk === how || (this.onDisk === 'copy' && how === 'link'))
            return;
        if (this.onDisk !== 'no')
            external_node_fs_default().rmSync(this.rootDirectory, { recursive: true, force: true });
        external_node_fs_default().mkdirSync(this.rootDirectory, { recursive: true });
        const written = await this.staging.materialize(this.rootDirectory, how);
        this.log(`staged ${written} files (${how === 'link' ? 'hard links' : 'copies'})`);
        this.onDisk = how;
    }
    async runCommands(commands, options) {
        if (commands.length === 0)
            return;
        const capabilities = await this.inputs.sandbox();
        // A root that commands may write must be either an overlay over the links or a private copy.
        const direct = !options.rootReadOnly && (options.inPlace || !capabilities.overlay);
        await this.ensureRoot(direct ? 'copy' : 'link');
        if (direct)
            this.rootChanged = true;
        external_node_fs_default().mkdirSync(this.scratch, { recursive: true });
        const overlay = !direct && capabilities.overlay && (!options.rootReadOnly || this.layered);
        const composed = this.inputs.element.composed;
        const env = options.env ?? sandboxEnvironment(composed.environment);
        const ids = sandboxIds(composed.sandbox);
        const result = await runInSandbox(direct ? { ...capabilities, overlay: false } : capabilities, {
            root: this.rootDirectory,
            rootWritable: !options.rootReadOnly,
            layered: overlay,
            scratch: this.scratch,
            writable: [...this.mounts].map(([sandboxPath, host]) => ({ host, path: sandboxPath })),
            cwd: options.cwd,
            env,
            uid: ids.uid,
            gid: ids.gid,
            commands: commands.map((c) => ({ label: c.label, command: c.command })),
            logFd: this.inputs.log.fd,
            signal: this.inputs.signal,
        });
        if (overlay)
            this.layered = true;
        if (direct)
            this.removeMountPoints([...this.mounts.keys(), options.cwd]);
        if (result.aborted)
            throw new BuildAborted();
        if (!result.ok) {
            const failed = result.failed;
            const command = failed ? commands[failed.index] : commands[commands.length - 1];
            throw new CommandFailed(command, failed?.exitCode ?? 1);
        }
    }
    /**
     * The sandbox made empty directories in a root it wrote to directly (mount points for /proc,
     * /dev, /tmp and the writable binds); they are the sandbox's, not the staged tree's.
     */
    removeMountPoints(paths) {
        const staged = new Set(this.staging.paths());
        for (const start of ['/proc', '/dev', '/tmp', ...paths]) {
            for (let p = external_node_path_default().posix.normalize(start); p !== '/' && !staged.has(p); p = external_node_path_default().posix.dirname(p)) {
                try {
                    external_node_fs_default().rmdirSync(external_node_path_default().join(this.rootDirectory, p));
                }
                catch {
                    break;
                }
            }
        }
    }
    /** Every path of a stored tree, absolute, directories included. */
    treePaths(hash) {
        const out = [];
        if (!hash)
            return out;
        const walk = (h, prefix) => {
            for (const child of this.inputs.store.readDirectory(h)) {
                const p = `${prefix}/${child.name}`;
                out.push(p);
                if (child.kind === 'directory')
                    walk(child.digest.hash, p);
            }
        };
        walk(hash, '');
        return out;
    }
    filterTree(tree, prefix, keep) {
        const kept = [];
        for (const child of this.inputs.store.readDirectory(tree.hash)) {
            const p = `${prefix}/${child.name}`;
            if (child.kind === 'directory') {
                const inner = this.filterTree(child.digest, p, keep);
                const empty = this.inputs.store.readDirectory(inner.hash).length === 0;
                if (!empty || keep(p))
                    kept.push({ kind: 'directory', name: child.name, digest: inner });
            }
            else if (keep(p)) {
                kept.push(child);
            }
        }
        return this.inputs.store.putDirectoryMessage(kept);
    }
}
function sandboxEnvironment(environment) {
    const env = {};
    for (const [name, value] of environment.entries)
        if (value.kind === 'scalar')
            env[name] = value.value;
    return env;
}
function sameEnvironment(a, b) {
    const names = Object.keys(a);
    return names.length === Object.keys(b).length && names.every((name) => b[name] === a[name]);
}
function publicList(record, key) {
    const bst = record.public?.bst;
    const value = bst?.[key];
    return Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [];
}
function splitRules(record) {
    const bst = record.public?.bst;
    const rules = bst?.['split-rules'];
    const out = {};
    if (rules && typeof rules === 'object' && !Array.isArray(rules)) {
        for (const [domain, globs] of Object.entries(rules)) {
            out[domain] = Array.isArray(globs) ? globs.filter((g) => typeof g === 'string').map((g) => g.trim()) : [];
        }
    }
    return out;
}
/** uid and gid for commands: the element's `sandbox:` build-uid/build-gid, 0 and 0 by default. */
function sandboxIds(sandbox) {
    const read = (key) => {
        const node = sandbox.get(key);
        return node?.kind === 'scalar' && /^\d+$/.test(node.value) ? Number(node.value) : 0;
    };
    return { uid: read('build-uid'), gid: read('build-gid') };
}

;// CONCATENATED MODULE: ./src/format/node.ts
// The YAML data model: every value is a string, a list or a mapping, and every one of them
// remembers the file, line and column it came from. Nothing here reads files or knows BuildStream
// keys; it only holds data and composes one tree onto another.

/** Where a node made up by Cairn itself (not read from a file) claims to come from. */
const SYNTHETIC = Object.freeze({ file: '[synthetic]', line: 0, column: 0 });
/** A scalar; BuildStream keeps every scalar as its (stripped) text and types it on demand. */
class ScalarNode {
    value;
    at;
    kind = 'scalar';
    constructor(value, at) {
        this.value = value;
        this.at = at;
    }
    clone() {
        return new ScalarNode(this.value, this.at);
    }
}
class SequenceNode {
    items;
    at;
    kind = 'sequence';
    constructor(items, at) {
        this.items = items;
        this.at = at;
    }
    clone() {
        return new SequenceNode(this.items.map((item) => item.clone()), this.at);
    }
}
class MappingNode {
    entries;
    at;
    keyAt;
    kind = 'mapping';
    constructor(entries, at, 
    /** Where each key was written, for "unknown key" errors; absent for keys Cairn added. */
    keyAt = new Map()) {
        this.entries = entries;
        this.at = at;
        this.keyAt = keyAt;
    }
    static empty(at = SYNTHETIC) {
        return new MappingNode(new Map(), at);
    }
    clone() {
        const entries = new Map();
        for (const [key, value] of this.entries)
            entries.set(key, value.clone());
        return new MappingNode(entries, this.at, new Map(this.keyAt));
    }
    get(key) {
        return this.entries.get(key);
    }
    has(key) {
        return this.entries.has(key);
    }
    set(key, value, keyAt) {
        this.entries.set(key, value);
        if (keyAt)
            this.keyAt.set(key, keyAt);
    }
    delete(key) {
        this.entries.delete(key);
        this.keyAt.delete(key);
    }
    keys() {
        return this.entries.keys();
    }
    /** Where the key was written, falling back to the mapping itself. */
    whereIs(key) {
        return this.keyAt.get(key) ?? this.entries.get(key)?.at ?? this.at;
    }
}
/** List composition directives: prepend, append, overwrite. */
const PREPEND = '(<)';
const APPEND = '(>)';
const OVERWRITE = '(=)';
const LIST_DIRECTIVES = new Set([PREPEND, APPEND, OVERWRITE]);
/** Is this a mapping of list directives only (a "composite list")? Mixing them with keys is an error. */
function isCompositeList(node) {
    if (node.kind !== 'mapping')
        return false;
    let directives = false;
    let others = false;
    for (const key of node.entries.keys()) {
        if (LIST_DIRECTIVES.has(key))
            directives = true;
        else
            others = true;
    }
    if (directives && others) {
        throw new CairnError('invalid-data', 'a mapping mixes list directives ((<), (>), (=)) with ordinary keys', node.at, 'put the directives in a mapping of their own under the list key');
    }
    return directives;
}
function describeKind(node) {
    if (node.kind === 'scalar')
        return 'a string';
    if (node.kind === 'sequence')
        return 'a list';
    return isCompositeList(node) ? 'a list directive' : 'a mapping';
}
function illegal(source, path, target) {
    return new CairnError('illegal-composite', `cannot compose ${describeKind(source)} onto ${describeKind(target)} at '${path.join('.')}' (declared at ${target.at.file}:${target.at.line}:${target.at.column})`, source.at);
}
/**
 * Compose `source` onto `target` in place: the source wins key by key, mappings merge
 * recursively, plain lists replace, list directives edit the list beneath them, and `(?)`
 * lists accumulate so that every layer's conditionals are evaluated later.
 * `source` is not modified; what is taken from it is cloned.
 */
function compositeInto(target, source, path = []) {
    for (const [key, value] of source.entries) {
        path.push(key);
        composeValue(key, value, target, path);
        const keyAt = source.keyAt.get(key);
        if (keyAt)
            target.keyAt.set(key, keyAt);
        path.pop();
    }
    if (source.at !== SYNTHETIC)
        target.at = source.at;
}
function composeValue(key, value, target, path) {
    const existing = target.entries.get(key);
    switch (value.kind) {
        case 'scalar':
            if (existing && existing.kind !== 'scalar')
                throw illegal(value, path, existing);
            target.entries.set(key, value.clone());
            return;
        case 'sequence':
            if (existing && existing.kind !== 'sequence' && !isCompositeList(existing)) {
                throw illegal(value, path, existing);
            }
            if (existing?.kind === 'sequence' && key === '(?)') {
                for (const item of value.items)
                    existing.items.push(item.clone());
            }
            else {
                target.entries.set(key, value.clone());
            }
            return;
        case 'mapping':
            if (isCompositeList(value)) {
                if (!existing)
                    target.entries.set(key, value.clone());
                else if (existing.kind === 'sequence')
                    applyListDirectives(value, existing);
                else if (existing.kind === 'mapping' && isCompositeList(existing))
                    mergeListDirectives(value, existing);
                else
                    throw illegal(value, path, existing);
                return;
            }
            if (!existing) {
                const fresh = new MappingNode(new Map(), value.at);
                target.entries.set(key, fresh);
                compositeInto(fresh, value, path);
            }
            else if (existing.kind === 'mapping') {
                compositeInto(existing, value, path);
            }
            else {
                throw illegal(value, path, existing);
            }
            return;
    }
}
function directiveList(node, directive) {
    const list = node.entries.get(directive);
    if (list === undefined)
        return undefined;
    if (list.kind !== 'sequence') {
        throw new CairnError('invalid-data', `the value of ${directive} must be a list`, list.at);
    }
    return list;
}
function applyListDirectives(directives, list) {
    const overwrite = directiveList(directives, OVERWRITE);
    const prepend = directiveList(directives, PREPEND);
    const append = directiveList(directives, APPEND);
    if (overwrite)
        list.items = overwrite.items.map((item) => item.clone());
    if (prepend)
        list.items = [...prepend.items.map((item) => item.clone()), ...list.items];
    if (append)
        list.items.push(...append.items.map((item) => item.clone()));
}
/** Two layers of directives before the list exists: the upper one's prefix goes first, its suffix last. */
function mergeListDirectives(upper, lower) {
    const overwrite = directiveList(upper, OVERWRITE);
    const prepend = directiveList(upper, PREPEND);
    const append = directiveList(upper, APPEND);
    if (overwrite) {
        lower.entries.set(OVERWRITE, overwrite.clone());
        lower.entries.set(PREPEND, prepend ? prepend.clone() : new SequenceNode([], upper.at));
        lower.entries.set(APPEND, append ? append.clone() : new SequenceNode([], upper.at));
        return;
    }
    if (prepend) {
        const existing = directiveList(lower, PREPEND);
        if (existing)
            existing.items = [...prepend.items.map((item) => item.clone()), ...existing.items];
        else
            lower.entries.set(PREPEND, prepend.clone());
    }
    if (append) {
        const existing = directiveList(lower, APPEND);
        if (existing)
            existing.items.push(...append.items.map((item) => item.clone()));
        else
            lower.entries.set(APPEND, append.clone());
    }
}
/**
 * After all layers are composed no list directive may remain: one left over means a layer
 * tried to extend a list that no lower layer declared.
 */
function assertFullyComposited(node) {
    if (node.kind === 'sequence') {
        for (const item of node.items)
            assertFullyComposited(item);
    }
    else if (node.kind === 'mapping') {
        for (const [key, value] of node.entries) {
            if (LIST_DIRECTIVES.has(key)) {
                throw new CairnError('trailing-list-directive', `${key} extends a list that does not exist beneath it`, node.whereIs(key), 'declare the list in a lower layer, or write it as a plain list');
            }
            assertFullyComposited(value);
        }
    }
}
function toPlain(node) {
    switch (node.kind) {
        case 'scalar':
            return node.value;
        case 'sequence':
            return node.items.map(toPlain);
        case 'mapping': {
            const out = {};
            for (const [key, value] of node.entries)
                out[key] = toPlain(value);
            return out;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/public-data.ts
// The public data an artifact carries: the element's `public:` with its variables expanded, as
// dependents read it at build time (integration commands, split rules, overlap whitelist).

function artifactPublic(composed, passedIntegration = []) {
    const plain = toPlain(composed.variables.expandNode(composed.public));
    if (passedIntegration.length === 0)
        return plain;
    const bst = { ...(plain['bst'] ?? {}) };
    const own = Array.isArray(bst['integration-commands']) ? bst['integration-commands'] : [];
    // A filter's pass-integration puts its parent's commands before its own, as BuildStream does.
    bst['integration-commands'] = [...passedIntegration, ...own];
    return { ...plain, bst };
}

;// CONCATENATED MODULE: ./src/engine/build-session.ts
// `build` as one engine call: plan which elements must be built, fetch their sources, build
// each in dependency order through the scheduler, and record every result (success or
// failure) as an artifact. Front ends subscribe to its events; nothing here prints.















class BuildSession {
    options;
    scheduler;
    built = [];
    failures = new Map();
    records = new Map();
    sandbox;
    buildDirectory;
    /** Work directories being removed in the background; run() waits for them before it returns. */
    removals = [];
    constructor(options) {
        this.options = options;
        this.buildDirectory = external_node_path_default().join(options.cache.directory, 'build');
        external_node_fs_default().mkdirSync(this.buildDirectory, { recursive: true });
        const fetchQueue = {
            name: 'fetch',
            limit: Math.max(1, options.fetchers),
            ordered: false,
            needsJob: (item) => this.needsFetch(item.element),
            run: (item, signal) => this.fetch(item, signal),
        };
        const buildQueue = {
            name: 'build',
            limit: Math.max(1, options.builders),
            ordered: true,
            needsJob: (item) => !this.cachedSuccess(item.element),
            run: (item, signal) => this.build(item, signal),
        };
        this.scheduler = new Scheduler({
            queues: [fetchQueue, buildQueue],
            onError: options.onError,
            onEvent: (event) => {
                if (event.type === 'item-skipped')
                    this.emit({ type: 'element-skipped', element: event.item.name, reason: event.reason });
            },
        });
    }
    /** Stops running sandboxes and starts nothing new (SIGINT, SIGTERM). */
    terminate() {
        this.scheduler.terminate();
    }
    async run() {
        removeStaleWork(this.buildDirectory);
        const plan = this.plan();
        const items = plan.map((element) => ({
            id: String(element.loaded.index),
            value: { element, name: element.loaded.fullName },
            dependsOn: element.loaded.dependencies.map((d) => String(d.element.index)),
        }));
        const cached = plan.filter((e) => this.cachedSuccess(e)).map((e) => e.loaded.fullName);
        const summary = await this.scheduler.run(items);
        await Promise.all(this.removals);
        await this.expire();
        return {
            built: this.built,
            cached,
            failed: summary.failed.map(({ item }) => ({ element: item.name, ...(this.failures.get(item.name) ?? { message: 'failed' }) })),
            skipped: summary.skipped.map((item) => item.name),
            interrupted: summary.interrupted,
        };
    }
    /** Keeps the cache under its quota once new artifacts were added; a problem here never fails the build. */
    async expire() {
        const quotaBytes = this.options.quotaBytes;
        if (quotaBytes === undefined || this.built.length === 0)
            return;
        try {
            const report = await expireArtifacts(this.options.cache, { quotaBytes });
            if (report.removedArtifacts.length > 0) {
                this.emit({ type: 'message', level: 'info', text: `cache over its quota: expired ${report.removedArtifacts.length} least recently used artifacts (${report.sizeBefore} -> ${report.sizeAfter} bytes)` });
            }
        }
        catch (error) {
            this.emit({ type: 'message', level: 'warning', text: `could not expire old artifacts: ${error.message}` });
        }
    }
    /**
     * The elements this build needs, in staging order: the targets and their runtime
     * dependencies, plus the build dependencies of whatever is not cached yet.
     */
    plan() {
        const graph = this.options.graph;
        const all = graph.scope('all');
        const needed = new Set(graph.targets);
        const unkeyed = [];
        for (let i = all.length - 1; i >= 0; i--) {
            const element = all[i];
            if (!needed.has(element))
                continue;
            const keyed = graph.keyed(element);
            if (element.kind === 'junction' || element.kind === 'link')
                continue;
            if (!keyed.keys)
                unkeyed.push(keyed);
            const mustBuild = !this.cachedSuccess(keyed);
            for (const dep of element.dependencies) {
                if (dep.type !== 'build' || mustBuild)
                    needed.add(dep.element);
            }
        }
        if (unkeyed.length > 0) {
            const first = unkeyed[unkeyed.length - 1];
            throw new CairnError('invalid-data', `cannot build: ${unkeyed.map((e) => e.loaded.fullName).reverse().join(', ')} ${unkeyed.length === 1 ? 'has' : 'have'} no cache key (a source without a ref)`, first.loaded.kindAt, 'run cairn track on it to pin its sources');
        }
        return all.filter((e) => needed.has(e) && e.kind !== 'junction' && e.kind !== 'link').map((e) => graph.keyed(e));
    }
    record(element) {
        const known = this.records.get(element.loaded);
        if (known)
            return known;
        const found = lookupArtifact(this.options.cache, element, this.options.graph.strict);
        if (found)
            this.records.set(element.loaded, found);
        return found;
    }
    cachedSuccess(element) {
        return this.record(element)?.result.success === true;
    }
    needsFetch(element) {
        if (this.cachedSuccess(element))
            return false;
        const context = this.sourceContext(new AbortController().signal, () => undefined);
        return element.composed.sources.some((s) => s.plugin.needsFetch && s.plugin.isCached !== undefined && !s.plugin.isCached(s.view, context));
    }
    sourceContext(signal, log) {
        return { sourceCache: this.options.sourceDirectory, signal, log };
    }
    async fetch(item, signal) {
        const { element, name } = item;
        const key = elementKey(element, this.options.graph.strict);
        const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key, 'fetch', new Date()));
        const started = Date.now();
        this.emit({ type: 'job-start', element: name, action: 'fetch', log: log.file });
        try {
            const context = this.sourceContext(signal, (line) => log.line(line));
            for (const source of element.composed.sources) {
                const { plugin, view } = source;
                if (!plugin.needsFetch || !plugin.isCached || plugin.isCached(view, context))
                    continue;
                if (!plugin.fetch)
                    throw new CairnError('unsupported-plugin', `Cairn cannot fetch ${view.kind} sources yet`, view.at);
                log.line(`fetching ${view.kind} source`);
                await plugin.fetch(view, context);
            }
            this.emit({ type: 'job-end', element: name, action: 'fetch', result: 'success', durationMs: Date.now() - started, log: log.file, key });
            return 'done';
        }
        catch (error) {
            const failure = describeFailure(error);
            log.line(`error: ${failure.message}`);
            this.failures.set(name, { ...failure, log: log.file });
            this.emit({ type: 'job-end', element: name, action: 'fetch', result: 'failure', durationMs: Date.now() - started, log: log.file, key, ...failure });
            return 'failed';
        }
        finally {
            log.close();
        }
    }
    async build(item, signal) {
        const { element, name } = item;
        const strict = this.options.graph.strict;
        const key = elementKey(element, strict);
        const previous = this.record(element);
        if (previous && !previous.result.success && !this.options.retryFailed) {
            const message = `build failure cached: ${previous.result.message} (use --retry-failed to build it again)`;
            this.failures.set(name, { message });
            this.emit({ type: 'job-end', element: name, action: 'build', result: 'failure', durationMs: 0, key, message });
            return 'failed';
        }
        const plugin = element.composed.plugin;
        if (!canAssemble(plugin))
            throw new Error(`element kind ${plugin.kind} cannot be built`);
        const started = new Date();
        const log = new JobLog(jobLogPath(this.options.logDirectory, element.loaded.project.name, normalName(element.loaded.name), key, 'build', started));
        const work = external_node_path_default().join(this.buildDirectory, `${normalName(element.loaded.name)}-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
        external_node_fs_default().mkdirSync(work);
        this.emit({ type: 'job-start', element: name, action: 'build', log: log.file });
        log.line(`building ${name} (${element.loaded.kind}), key ${key}`);
        let files;
        let passed = [];
        let failure;
        try {
            const build = new ElementBuild({
                element,
                artifactOf: (dep) => this.dependencyRecord(dep),
                environmentOf: (dep) => this.options.graph.keyed(dep).composed.environment,
                store: this.options.cache.store,
                sandbox: () => (this.sandbox ??= probeSandbox(this.options.bwrap ? { bwrap: this.options.bwrap } : {})),
                workDirectory: work,
                sourceContext: this.sourceContext(signal, (line) => log.line(line)),
                log,
                signal,
            });
            const output = await plugin.assemble(element.composed.view, build);
            files = containSymlinks(this.options.cache.store, output.files);
            passed = output.integrationCommands ?? [];
        }
        catch (error) {
            if (error instanceof BuildAborted || signal.aborted) {
                log.line('interrupted');
                log.close();
                removeTree(work);
                this.emit({ type: 'job-end', element: name, action: 'build', result: 'failure', durationMs: Date.now() - started.getTime(), log: log.file, key, message: 'interrupted' });
                this.failures.set(name, { message: 'interrupted', log: log.file });
                return 'failed';
            }
            // A sandbox that cannot start is the machine's problem, not the element's: never cache it.
            if (error instanceof CairnError && error.reason === 'sandbox-unavailable') {
                log.close();
                removeTree(work);
                throw error;
            }
            failure = describeFailure(error);
            log.line(`error: ${failure.message}`);
        }
        // Removing a staged sysroot takes a while; the next build need not wait for it.
        this.removals.push(removeTreeAsync(work));
        const durationMs = Date.now() - started.getTime();
        log.line(failure ? `FAILURE after ${durationMs} ms` : `SUCCESS after ${durationMs} ms`);
        log.close();
        const store = this.options.cache.store;
        const record = {
            version: ARTIFACT_RECORD_VERSION,
            project: element.loaded.project.name,
            element: element.loaded.name,
            keys: { strong: key, weak: element.keys.weak, strict: element.keys.strict },
            // Direct build dependencies, as BuildStream's artifacts record them: their keys name the rest.
            dependencies: [...new Set(element.loaded.dependencies.filter((d) => d.type !== 'runtime' && d.element.kind !== 'link').map((d) => d.element))].map((dep) => ({
                project: dep.project.name,
                element: dep.name,
                key: elementKey(this.options.graph.keyed(dep), strict),
            })),
            result: failure ? { success: false, message: failure.message, ...(failure.detail ? { detail: failure.detail } : {}) } : { success: true },
            ...(files ? { files } : {}),
            log: store.putFile(log.file, { move: false, executable: false }),
            public: artifactPublic(element.composed, passed),
            timing: { started: started.toISOString(), durationMs },
            size: files ? treeSize(store, files.hash) : 0,
        };
        this.options.cache.put(record);
        this.records.set(element.loaded, record);
        if (failure) {
            this.failures.set(name, { message: failure.message, log: log.file, ...(failure.at ? { at: failure.at } : {}) });
            this.emit({ type: 'job-end', element: name, action: 'build', result: 'failure', durationMs, log: log.file, key, message: failure.message, ...(failure.at ? { at: failure.at } : {}) });
            return 'failed';
        }
        this.built.push(name);
        this.emit({ type: 'job-end', element: name, action: 'build', result: 'success', durationMs, log: log.file, key });
        return 'done';
    }
    dependencyRecord(element) {
        const record = this.record(this.options.graph.keyed(element));
        if (!record || !record.result.success)
            throw new CairnError('artifact-missing', `the artifact of ${element.fullName} is not in the cache`);
        return record;
    }
    emit(event) {
        this.options.onEvent?.(event);
    }
}
function describeFailure(error) {
    if (error instanceof CommandFailed) {
        return { message: error.message, detail: error.command.command, ...(error.command.at ? { at: error.command.at } : {}) };
    }
    if (error instanceof CairnError)
        return { message: error.describe(), ...(error.provenance ? { at: error.provenance } : {}) };
    return { message: error instanceof Error ? error.message : String(error) };
}
function treeSize(store, hash) {
    let total = 0;
    for (const child of store.readDirectory(hash)) {
        if (child.kind === 'file')
            total += child.digest.sizeBytes;
        else if (child.kind === 'directory')
            total += treeSize(store, child.digest.hash);
    }
    return total;
}
/** Work directories of Cairn processes that no longer run are leftovers of a crash: remove them. */
function removeStaleWork(buildDirectory) {
    for (const name of external_node_fs_default().readdirSync(buildDirectory)) {
        const match = /-(\d+)-[a-z0-9]+$/.exec(name);
        if (!match)
            continue;
        const pid = Number(match[1]);
        if (pid === process.pid || isAlive(pid))
            continue;
        removeTree(external_node_path_default().join(buildDirectory, name));
    }
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
function defaultBuilders() {
    return Math.max(1, external_node_os_default().availableParallelism());
}

;// CONCATENATED MODULE: ./src/format/accessors.ts
// Typed reads from a mapping: each returns the value as the type asked for, or throws a
// CairnError pointing at the exact value (or the mapping, when the key is missing).

const kindName = (node) => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');
/** Unknown keys are errors, as BuildStream validates them; `(@)`, `(?)`, `(!)` are always allowed. */
function validateKeys(node, allowed, what) {
    for (const key of node.entries.keys()) {
        if (allowed.includes(key) || key === '(@)' || key === '(?)' || key === '(!)')
            continue;
        throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, node.whereIs(key), `valid keys: ${allowed.join(', ')}`);
    }
}
function scalarOf(node, key) {
    const value = node.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'scalar')
        throw new CairnError('invalid-data', `'${key}' must be a string, not ${kindName(value)}`, value.at);
    return value;
}
function getString(node, key) {
    return scalarOf(node, key)?.value;
}
function requireString(node, key, what) {
    const value = scalarOf(node, key);
    if (value === undefined)
        throw new CairnError('invalid-data', `${what} has no '${key}'`, node.at, `add '${key}:'`);
    return value;
}
/** BuildStream's booleans: only True/true/1 and False/false/0; anything else is undefined. */
function booleanValue(text) {
    if (text === 'True' || text === 'true' || text === '1')
        return true;
    if (text === 'False' || text === 'false' || text === '0')
        return false;
    return undefined;
}
function parseBool(scalar, key) {
    const value = booleanValue(scalar.value);
    if (value !== undefined)
        return value;
    throw new CairnError('invalid-data', `'${key}' must be a boolean, not '${scalar.value}'`, scalar.at, 'use true or false');
}
function getBool(node, key, fallback) {
    const scalar = scalarOf(node, key);
    return scalar === undefined ? fallback : parseBool(scalar, key);
}
function getMapping(node, key) {
    const value = node.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'mapping')
        throw new CairnError('invalid-data', `'${key}' must be a mapping, not ${kindName(value)}`, value.at);
    return value;
}
function getSequence(node, key) {
    const value = node.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'sequence')
        throw new CairnError('invalid-data', `'${key}' must be a list, not ${kindName(value)}`, value.at);
    return value;
}
function getStringList(node, key) {
    const list = getSequence(node, key);
    if (!list)
        return [];
    return list.items.map((item) => {
        if (item.kind !== 'scalar')
            throw new CairnError('invalid-data', `'${key}' must be a list of strings`, item.at);
        return item;
    });
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __nccwpck_require__(8815);
;// CONCATENATED MODULE: ./src/format/yaml-reader.ts
// Reads one YAML file into nodes with provenance, as BuildStream reads it: one document whose
// root is a mapping, every scalar kept as stripped text, no anchors, aliases, tags or duplicate
// keys. Two readers give the same tree: a fast one for the block-style YAML that element files
// are written in, and the `yaml` library for everything else and for every syntax error.



/** Parse `text` (read from the file shown to users as `file`) into a mapping. */
function readYaml(text, file) {
    return readYamlFast(text, file) ?? readYamlWithLibrary(text, file);
}
// ---------------------------------------------------------------------------------------------
// The library reader: complete YAML 1.2, failsafe schema so nothing is typed.
function readYamlWithLibrary(text, file) {
    const lines = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { schema: 'failsafe', lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const at = (offset) => {
        const pos = lines.linePos(offset);
        return { file, line: pos.line, column: pos.col };
    };
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem) {
        const message = problem.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        throw new CairnError('invalid-yaml', `invalid YAML: ${message}`, at(problem.pos[0]));
    }
    const root = doc.contents;
    if (root === null || ((0,dist/* isScalar */.jn)(root) && root.value === '' && root.source === '')) {
        return new MappingNode(new Map(), { file, line: 1, column: 1 });
    }
    const converted = convert(root, at);
    if (converted.kind !== 'mapping') {
        throw new CairnError('invalid-yaml', 'the top level of the file must be a mapping of keys to values', converted.at);
    }
    return converted;
}
function convert(node, at) {
    const start = at(node.range?.[0] ?? 0);
    if ((0,dist/* isAlias */.Vj)(node) || ('anchor' in node && node.anchor)) {
        throw new CairnError('invalid-yaml', 'YAML anchors and aliases are not supported', start, 'write the value out in full');
    }
    if (node.tag && !(0,dist/* isScalar */.jn)(node)) {
        throw new CairnError('invalid-yaml', `YAML tags are not supported (${node.tag})`, start);
    }
    if ((0,dist/* isScalar */.jn)(node)) {
        if (node.tag && node.tag !== 'tag:yaml.org,2002:str') {
            throw new CairnError('invalid-yaml', `YAML tags are not supported (${node.tag})`, start);
        }
        return new ScalarNode(String(node.value).trim(), start);
    }
    if ((0,dist/* isSeq */.oP)(node)) {
        return new SequenceNode(node.items.map((item) => (item === null ? new ScalarNode('', start) : convert(item, at))), start);
    }
    if ((0,dist/* isMap */.jh)(node)) {
        const mapping = new MappingNode(new Map(), start);
        for (const pair of node.items) {
            const key = pair.key;
            if (!key || !(0,dist/* isScalar */.jn)(key)) {
                const where = key?.range ? at(key.range[0]) : start;
                throw new CairnError('invalid-yaml', 'mapping keys must be plain strings', where);
            }
            const keyAt = at(key.range?.[0] ?? 0);
            const value = pair.value;
            const keyText = String(key.value);
            const valueNode = value === null || ((0,dist/* isScalar */.jn)(value) && value.type === 'PLAIN' && value.source === '')
                ? new ScalarNode('', keyAt) /* an empty value points at its key, in both readers */
                : convert(value, at);
            mapping.set(keyText, valueNode, keyAt);
        }
        return mapping;
    }
    throw new CairnError('invalid-yaml', 'unsupported YAML construct', start);
}
// ---------------------------------------------------------------------------------------------
// The fast reader. It returns undefined for anything outside the subset it knows exactly, and
// the library reader then takes the whole file, so both always agree on what a file means.
class Unsupported extends Error {
}
/** Does a list item's dash ("- " or a lone "-") start at `column`? */
function isDash(text, column) {
    return text.startsWith('- ', column) || (text.length === column + 1 && text.charCodeAt(column) === 45);
}
const bail = () => {
    throw new Unsupported();
};
function readYamlFast(text, file) {
    try {
        return new FastReader(text, file).document();
    }
    catch (error) {
        if (error instanceof Unsupported)
            return undefined;
        throw error;
    }
}
class FastReader {
    file;
    lines = [];
    pos = 0;
    constructor(text, file) {
        this.file = file;
        if (text.charCodeAt(0) === 0xfeff)
            bail();
        const raw = text.split('\n');
        for (let number = 0; number < raw.length; number++) {
            let line = raw[number];
            if (line.endsWith('\r'))
                line = line.slice(0, -1);
            let indent = 0;
            while (line.charCodeAt(indent) === 32)
                indent++;
            if (indent === line.length)
                continue; // blank
            const first = line.charCodeAt(indent);
            if (first === 9)
                bail(); // tabs in indentation
            if (first === 35)
                continue; // comment-only line
            if (indent === 0 && (line.startsWith('---') || line.startsWith('...') || first === 37))
                bail();
            this.lines.push({ number, text: line, indent });
        }
        this.raw = raw;
    }
    raw;
    at(line, column) {
        return { file: this.file, line: line + 1, column: column + 1 };
    }
    document() {
        if (this.lines.length === 0)
            return new MappingNode(new Map(), this.at(0, 0));
        const first = this.lines[0];
        if (first.indent !== 0)
            bail();
        const root = this.block(first, 0);
        if (this.pos !== this.lines.length || root.kind !== 'mapping')
            bail();
        return root;
    }
    /** A block node whose first content starts at `column` of `line` (which may be mid-line after "- "). */
    block(line, column) {
        return isDash(line.text, column) ? this.sequence(line, column) : this.mapping(line, column);
    }
    sequence(firstLine, column) {
        const items = [];
        const node = new SequenceNode(items, this.at(firstLine.number, column));
        let line = firstLine;
        let col = column;
        while (line) {
            const text = line.text;
            // A list written at its key's indentation ends at the next key.
            if (text.charCodeAt(col) !== 45 /* - */) {
                if (items.length > 0)
                    break;
                bail();
            }
            const after = col + 1;
            if (after < text.length && text.charCodeAt(after) !== 32)
                bail();
            let contentCol = after;
            while (text.charCodeAt(contentCol) === 32)
                contentCol++;
            this.pos++;
            if (contentCol >= text.length || text.charCodeAt(contentCol) === 35 /* # */) {
                // The item's value is on the following, more indented lines (or it is empty).
                const next = this.lines[this.pos];
                if (next && next.indent > col)
                    items.push(this.block(next, next.indent));
                else
                    items.push(new ScalarNode('', this.at(line.number, col)));
            }
            else {
                items.push(this.inlineItem(line, contentCol, col));
            }
            const next = this.lines[this.pos];
            if (!next || next.indent < column)
                break;
            if (next.indent > column)
                bail();
            line = next;
            col = column;
        }
        return node;
    }
    /** The content after "- ": a nested mapping or sequence starting on this line, or a scalar. */
    inlineItem(line, contentCol, dashCol) {
        if (isDash(line.text, contentCol)) {
            this.pos--;
            return this.sequence(line, contentCol);
        }
        if (this.keyEnd(line.text, contentCol) >= 0) {
            this.pos--;
            return this.mapping(line, contentCol);
        }
        return this.scalarValue(line, contentCol, dashCol);
    }
    /** Index of the ':' that ends a plain key starting at `col`, or -1 if this is not a key line. */
    keyEnd(text, col) {
        const first = text.charCodeAt(col);
        // Keys that start with an indicator ("quoted", [flow], &anchor, ? complex ...) take the slow path.
        if ('"\'[]{}&*!|>%@`?#,'.includes(text[col])) {
            if (first === 34 || first === 39 || first === 63 || first === 123 || first === 91) {
                // Might be a key; do not guess.
                if (/^.*:(\s|$)/.test(text.slice(col)))
                    bail();
            }
            return -1;
        }
        for (let i = col; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 58 /* : */) {
                const next = text.charCodeAt(i + 1);
                if (i + 1 === text.length || next === 32)
                    return i;
            }
            else if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) {
                return -1;
            }
            else if (c === 9) {
                bail();
            }
        }
        return -1;
    }
    mapping(firstLine, column) {
        const node = new MappingNode(new Map(), this.at(firstLine.number, column));
        let line = firstLine;
        let col = column;
        while (line) {
            const text = line.text;
            const end = this.keyEnd(text, col);
            if (end < 0)
                bail();
            const key = text.slice(col, end);
            if (key.length === 0 || key.endsWith(' ') || node.entries.has(key))
                bail();
            const keyAt = this.at(line.number, col);
            let valueCol = end + 1;
            while (text.charCodeAt(valueCol) === 32)
                valueCol++;
            this.pos++;
            let value;
            if (valueCol >= text.length || text.charCodeAt(valueCol) === 35) {
                const next = this.lines[this.pos];
                if (next && next.indent > col) {
                    value = this.block(next, next.indent);
                }
                else if (next && next.indent === col && isDash(next.text, col)) {
                    value = this.sequence(next, col);
                }
                else {
                    value = new ScalarNode('', keyAt);
                }
            }
            else {
                value = this.scalarValue(line, valueCol, col);
            }
            node.set(key, value, keyAt);
            const next = this.lines[this.pos];
            if (!next || next.indent < column)
                break;
            if (next.indent > column)
                bail();
            line = next;
            col = column;
        }
        return node;
    }
    /** A value that starts at `col` of `line`; `parentIndent` is the column of its key or dash. */
    scalarValue(line, col, parentIndent) {
        const first = line.text[col];
        const value = this.sameLineValue(line, col, parentIndent);
        // A more indented line after a one-line value would continue it (or be an error): leave
        // both to the library.
        const next = this.lines[this.pos];
        if (first !== '|' && first !== '>' && next && next.indent > parentIndent)
            bail();
        return value;
    }
    sameLineValue(line, col, parentIndent) {
        const text = line.text;
        const first = text[col];
        const at = this.at(line.number, col);
        switch (first) {
            case '"':
                return new ScalarNode(this.doubleQuoted(text, col), at);
            case "'":
                return new ScalarNode(this.singleQuoted(text, col), at);
            case '|':
            case '>':
                return new ScalarNode(this.blockScalar(line, col, parentIndent).trim(), at);
            case '[':
            case '{':
                return this.flow(text, col, at);
            case '&':
            case '*':
            case '!':
            case '%':
            case '@':
            case '`':
            case '?':
            case ',':
            case ']':
            case '}':
                return bail();
            case '-':
                if (text.charCodeAt(col + 1) === 32 || col + 1 === text.length)
                    bail();
        }
        // A plain scalar: up to a comment, on this line only.
        let end = text.length;
        for (let i = col; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 35 && text.charCodeAt(i - 1) === 32) {
                end = i;
                break;
            }
            if (c === 58 && (i + 1 === text.length || text.charCodeAt(i + 1) === 32))
                bail();
            if (c === 9)
                bail();
        }
        return new ScalarNode(text.slice(col, end).trim(), at);
    }
    /** The rest of the line after a closing quote may hold only spaces and a comment. */
    expectLineEnd(text, from) {
        let i = from;
        while (text.charCodeAt(i) === 32)
            i++;
        if (i < text.length && !(text.charCodeAt(i) === 35 && i > from))
            bail();
    }
    doubleQuoted(text, col) {
        const close = text.indexOf('"', col + 1);
        if (close > 0 && text.lastIndexOf('\\', close) <= col) {
            // No escapes: the common case is one slice.
            this.expectLineEnd(text, close + 1);
            return text.slice(col + 1, close).trim();
        }
        let out = '';
        let i = col + 1;
        for (;;) {
            if (i >= text.length)
                bail(); // multi-line quoted scalars take the slow path
            const c = text[i];
            if (c === '"')
                break;
            if (c === '\\') {
                const e = text[i + 1];
                const simple = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', r: '\r', '0': '\0', ' ': ' ', b: '\b', f: '\f', e: '\x1b', a: '\x07', v: '\v' };
                if (e !== undefined && e in simple) {
                    out += simple[e];
                    i += 2;
                    continue;
                }
                return bail();
            }
            out += c;
            i++;
        }
        this.expectLineEnd(text, i + 1);
        return out.trim();
    }
    singleQuoted(text, col) {
        let out = '';
        let i = col + 1;
        for (;;) {
            if (i >= text.length)
                bail();
            const c = text[i];
            if (c === "'") {
                if (text[i + 1] === "'") {
                    out += "'";
                    i += 2;
                    continue;
                }
                break;
            }
            out += c;
            i++;
        }
        this.expectLineEnd(text, i + 1);
        return out.trim();
    }
    /** `|` and `>` with optional chomping; explicit indentation indicators take the slow path. */
    blockScalar(line, col, parentIndent) {
        const header = line.text.slice(col);
        const match = /^([|>])([+-]?)\s*(#.*)?$/.exec(header);
        if (!match)
            return bail();
        const folded = match[1] === '>';
        // Block scalar content is taken from the raw lines, blank and comment-looking lines included.
        const startRaw = line.number + 1;
        let contentIndent = -1;
        let lastRaw = line.number;
        const body = [];
        for (let n = startRaw; n < this.raw.length; n++) {
            let t = this.raw[n];
            if (t.endsWith('\r'))
                t = t.slice(0, -1);
            let ind = 0;
            while (t.charCodeAt(ind) === 32)
                ind++;
            if (ind === t.length) {
                body.push('');
                continue;
            }
            if (t.charCodeAt(ind) === 9 && ind <= parentIndent)
                bail();
            if (contentIndent < 0) {
                if (ind <= parentIndent)
                    break;
                contentIndent = ind;
            }
            if (ind < contentIndent)
                break;
            if (folded && ind > contentIndent)
                bail();
            body.push(t.slice(contentIndent));
            lastRaw = n;
        }
        // Trailing blank lines belong to the scalar only through chomping; drop them here.
        while (body.length > 0 && body[body.length - 1] === '')
            body.pop();
        // Skip the structural lines that were consumed as content.
        while (this.pos < this.lines.length && this.lines[this.pos].number <= lastRaw)
            this.pos++;
        // The value is stripped by the caller, so chomping does not change the result.
        if (!folded)
            return body.join('\n');
        let out = '';
        for (let i = 0; i < body.length; i++) {
            const piece = body[i];
            if (i === 0)
                out = piece;
            else if (piece === '')
                out += '\n';
            else
                out += out.endsWith('\n') || out === '' ? piece : ` ${piece}`;
        }
        return out;
    }
    /** Single-line flow collections of plain or quoted scalars: `[a, b]`, `[]`, `{}`. */
    flow(text, col, at) {
        const open = text[col];
        const close = open === '[' ? ']' : '}';
        let end = -1;
        for (let i = col + 1; i < text.length; i++) {
            const c = text[i];
            if (c === '[' || c === '{' || c === '"' || c === "'" || c === '#' || c === '&' || c === '*' || c === '!' || c === '?' || c === ':')
                bail();
            if (c === close) {
                end = i;
                break;
            }
        }
        if (end < 0)
            bail();
        this.expectLineEnd(text, end + 1);
        const inner = text.slice(col + 1, end);
        if (open === '{') {
            if (inner.trim() !== '')
                bail();
            return new MappingNode(new Map(), at);
        }
        if (inner.trim() === '')
            return new SequenceNode([], at);
        const items = [];
        let start = col + 1;
        for (const part of inner.split(',')) {
            const lead = part.length - part.trimStart().length;
            const value = part.trim();
            if (value === '' || value.startsWith('-') || value.startsWith('%') || value.startsWith('@') || value.startsWith('`') || value.startsWith('|') || value.startsWith('>'))
                bail();
            items.push(new ScalarNode(value, this.at(at.line - 1, start + lead)));
            start += part.length + 1;
        }
        return new SequenceNode(items, at);
    }
}

;// CONCATENATED MODULE: ./src/cache/quota.ts
// The cache quota: what `cache: quota:` means in bytes, and the disk it is measured against.
// It only reads the filesystem's size; it never looks inside the cache nor removes anything.



const UNITS = { K: 1, M: 2, G: 3, T: 4 };
const QUOTA_FORMS = "write a number of bytes (5000000000), a size with K, M, G or T in powers of 1024 (50G, 1.5T, 512MiB), " +
    "a percentage of the disk holding the cache (50%) or 'infinity'";
/**
 * Bytes the cache may use: `infinity`, plain bytes, `K/M/G/T` (also `KB`, `KiB`, powers of
 * 1024 as BuildStream reads them) or `N%` of the disk's total size.
 */
function parseQuota(text, disk, at) {
    const written = text.trim();
    const fail = (why) => {
        throw new CairnError('invalid-data', `invalid cache quota '${text}': ${why}`, at, QUOTA_FORMS);
    };
    if (/^infinity$/i.test(written))
        return Infinity;
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(written);
    if (percent) {
        const share = Number(percent[1]);
        // More than the whole disk cannot be honoured, so it is a mistake rather than "no limit".
        if (share > 100)
            fail('a percentage cannot exceed 100%');
        return Math.floor((disk.totalBytes * share) / 100);
    }
    const size = /^(\d+(?:\.\d+)?)\s*(?:([KMGT])(?:i?B)?|B)?$/i.exec(written);
    if (!size)
        return fail('not a size');
    const unit = size[2] ? UNITS[size[2].toUpperCase()] : 0;
    const bytes = Math.floor(Number(size[1]) * 1024 ** unit);
    if (!Number.isSafeInteger(bytes))
        fail('too large; use infinity for no limit');
    return bytes;
}
/**
 * Half of the filesystem holding the cache. The cache shares that disk with the build's own
 * scratch trees and sources (and, on CI runners, with everything else), and a build's output
 * exists beside the cache until it is ingested, so the other half is headroom for that work.
 */
function defaultQuota(disk) {
    return Math.floor(disk.totalBytes / 2);
}
/** The size of the filesystem that holds `directory` (or would, for a cache not yet created). */
function diskOf(directory) {
    let probe = external_node_path_default().resolve(directory);
    for (;;) {
        try {
            const stats = external_node_fs_default().statfsSync(probe);
            return { totalBytes: stats.blocks * stats.bsize, availableBytes: stats.bavail * stats.bsize };
        }
        catch (error) {
            const parent = external_node_path_default().dirname(probe);
            if (error.code !== 'ENOENT' || parent === probe)
                throw error;
            probe = parent;
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/user-config.ts
// The user's configuration: where the caches live and how the scheduler behaves. Read from
// `-c FILE` or $XDG_CONFIG_HOME/cairn.conf (YAML, keys as BuildStream's user configuration),
// with command-line flags over the file over the defaults. Pure apart from reading the file.







const TOP_KEYS = ['cachedir', 'logdir', 'sourcedir', 'cache', 'scheduler', 'build', 'sandbox'];
function readUserConfig(inputs) {
    const env = inputs.env;
    const home = env['HOME'] ?? external_node_os_default().homedir();
    const configHome = env['XDG_CONFIG_HOME'] || external_node_path_default().join(home, '.config');
    const cacheHome = env['XDG_CACHE_HOME'] || external_node_path_default().join(home, '.cache');
    const file = inputs.file ?? external_node_path_default().join(configHome, 'cairn.conf');
    let node;
    if (inputs.file !== undefined || external_node_fs_default().existsSync(file)) {
        let text;
        try {
            text = external_node_fs_default().readFileSync(file, 'utf8');
        }
        catch {
            throw new CairnError('missing-file', `cannot read the user configuration ${file}`);
        }
        node = readYaml(text, file);
        validateKeys(node, TOP_KEYS, 'the user configuration');
    }
    const dir = (key, fallback) => {
        const value = node && getString(node, key);
        if (value === undefined)
            return fallback;
        const expanded = expandPath(value, env, home);
        if (!external_node_path_default().isAbsolute(expanded))
            throw new CairnError('invalid-data', `${key} must be an absolute path, not '${value}'`, node.get(key).at);
        return expanded;
    };
    const cacheDirectory = dir('cachedir', external_node_path_default().join(cacheHome, 'cairn'));
    const cache = node && getMapping(node, 'cache');
    if (cache)
        validateKeys(cache, ['quota'], "'cache'");
    const scheduler = node && getMapping(node, 'scheduler');
    if (scheduler)
        validateKeys(scheduler, ['builders', 'fetchers', 'on-error', 'network-retries', 'pushers'], "'scheduler'");
    const build = node && getMapping(node, 'build');
    if (build)
        validateKeys(build, ['max-jobs', 'retry-failed', 'dependencies'], "'build'");
    const sandbox = node && getMapping(node, 'sandbox');
    if (sandbox)
        validateKeys(sandbox, ['bwrap'], "'sandbox'");
    const quotaNode = cache?.get('quota');
    const onErrorText = scheduler && getString(scheduler, 'on-error');
    if (onErrorText !== undefined && !['quit', 'continue', 'terminate'].includes(onErrorText)) {
        throw new CairnError('invalid-data', `on-error must be quit, continue or terminate, not '${onErrorText}'`, scheduler.get('on-error').at);
    }
    const builders = scheduler && count(scheduler, 'builders');
    const maxJobs = build && count(build, 'max-jobs', true);
    const bwrap = sandbox && getString(sandbox, 'bwrap');
    return {
        cacheDirectory,
        logDirectory: dir('logdir', external_node_path_default().join(cacheDirectory, 'logs')),
        sourceDirectory: dir('sourcedir', external_node_path_default().join(cacheDirectory, 'sources')),
        ...(quotaNode?.kind === 'scalar' ? { quota: { text: quotaNode.value, at: quotaNode.at } } : {}),
        ...(builders !== undefined ? { builders } : {}),
        fetchers: (scheduler && count(scheduler, 'fetchers')) ?? 10,
        onError: onErrorText ?? 'quit',
        ...(maxJobs ? { maxJobs } : {}),
        retryFailed: build ? getBool(build, 'retry-failed', false) : false,
        ...(bwrap ? { bwrap } : {}),
    };
}
function count(node, key, zeroAllowed = false) {
    const text = getString(node, key);
    if (text === undefined)
        return undefined;
    if (!/^\d+$/.test(text) || (!zeroAllowed && Number(text) === 0)) {
        throw new CairnError('invalid-data', `${key} must be a ${zeroAllowed ? 'whole' : 'positive'} number, not '${text}'`, node.get(key).at);
    }
    return Number(text);
}
/** `~` and `$VAR`/`${VAR}` as BuildStream expands directory settings. */
function expandPath(value, env, home) {
    const withHome = value === '~' || value.startsWith('~/') ? home + value.slice(1) : value;
    return withHome.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => env[(a ?? b)] ?? '');
}
/** The cache quota in bytes: `cache: quota:` against the cache's disk, else the default share of it. */
function resolveQuota(config) {
    const disk = diskOf(config.cacheDirectory);
    return config.quota ? parseQuota(config.quota.text, disk, config.quota.at) : defaultQuota(disk);
}

;// CONCATENATED MODULE: ./src/cli/build-report.ts
// The terminal's view of a build: one aligned line per finished job (time since start, result,
// action, element, duration, log path) and a summary. It only renders engine events.

class BuildReporter {
    write;
    nameWidth;
    started = Date.now();
    /** `nameWidth`: the longest element name of the pipeline, so that the result column lines up. */
    constructor(write, nameWidth = 0) {
        this.write = write;
        this.nameWidth = nameWidth;
    }
    event(event) {
        if (event.type === 'job-end') {
            const result = event.result === 'success' ? 'SUCCESS' : event.result === 'failure' ? 'FAILURE' : 'SKIPPED';
            const key = event.key ? event.key.slice(0, 8) : '--------';
            const line = `[${clock(Date.now() - this.started)}][${key}][${event.action.padEnd(5)}:${event.element.padEnd(this.nameWidth)}] ${result.padEnd(7)} ${seconds(event.durationMs).padStart(7)}${event.log ? `  ${event.log}` : ''}`;
            this.write(`${line}\n`);
            if (event.result === 'failure' && event.message) {
                this.write(`    ${event.at ? `${formatProvenance(event.at)}: ` : ''}${event.message}\n`);
            }
        }
        else if (event.type === 'message') {
            this.write(`[${clock(Date.now() - this.started)}]${event.element ? `[${event.element}]` : ''} ${event.level}: ${event.text}\n`);
        }
    }
    summary(summary) {
        const parts = [`${summary.built.length} built`, `${summary.cached.length} cached`, `${summary.failed.length} failed`, `${summary.skipped.length} skipped`];
        this.write(`\nBuild ${summary.interrupted ? 'interrupted' : summary.failed.length > 0 ? 'failed' : 'succeeded'}: ${parts.join(', ')} in ${seconds(Date.now() - this.started)}\n`);
        for (const failure of summary.failed) {
            this.write(`  failed: ${failure.element}: ${failure.message}${failure.log ? ` (log: ${failure.log})` : ''}\n`);
        }
    }
}
function clock(ms) {
    const total = Math.floor(ms / 1000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${pad(Math.floor(total / 3600))}:${pad(Math.floor(total / 60) % 60)}:${pad(total % 60)}`;
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(2)}s`;
}

;// CONCATENATED MODULE: ./src/cli/commands/build.ts
// `cairn build`: builds the targets and whatever they need that is not cached, printing one
// line per finished job. SIGINT and SIGTERM stop running sandboxes and leave the cache whole.




const BUILD_OPTIONS = [{ name: 'retry-failed', values: 0 }];
async function buildCommand(context) {
    const graph = await context.loadGraph(context.parsed.positionals);
    const config = context.userConfig;
    const reporter = new BuildReporter((text) => context.io.err.write(text), Math.max(0, ...graph.scope('all').map((e) => e.fullName.length)));
    const session = new BuildSession({
        graph,
        cache: context.cache,
        logDirectory: config.logDirectory,
        sourceDirectory: config.sourceDirectory,
        builders: context.positiveNumber('builders') ?? config.builders ?? defaultBuilders(),
        fetchers: context.positiveNumber('fetchers') ?? config.fetchers,
        onError: context.pick('on-error') ?? config.onError,
        retryFailed: context.flag('retry-failed') || config.retryFailed,
        ...(config.bwrap ? { bwrap: config.bwrap } : {}),
        quotaBytes: resolveQuota(config),
        onEvent: (event) => reporter.event(event),
    });
    const stop = () => session.terminate();
    external_node_process_default().on('SIGINT', stop);
    external_node_process_default().on('SIGTERM', stop);
    try {
        const summary = await session.run();
        reporter.summary(summary);
        if (summary.interrupted)
            return 130;
        return summary.failed.length > 0 || summary.skipped.length > 0 ? 255 : 0;
    }
    finally {
        external_node_process_default().off('SIGINT', stop);
        external_node_process_default().off('SIGTERM', stop);
    }
}

;// CONCATENATED MODULE: ./src/cache/cache-check.ts
// Checking the cache: every object is hashed again and compared with its name, and every ref
// is followed to the objects it needs. Repair removes what cannot be trusted so the artifacts
// are rebuilt; it never removes a healthy artifact, and never an object before the refs that name it.




async function checkCache(cache, options) {
    const store = cache.store;
    const pacer = new Pacer();
    let objectsChecked = 0;
    const corrupt = [];
    for (const object of store.listObjects()) {
        await pacer.step();
        let stat;
        try {
            stat = external_node_fs_default().lstatSync(object.path);
        }
        catch (error) {
            // Collected by another process since the listing.
            if (isMissing(error))
                continue;
            throw error;
        }
        if (stat.isDirectory())
            continue;
        let actual;
        if (!stat.isFile()) {
            actual = 'not a regular file';
        }
        else {
            try {
                actual = await cache_check_hashFile(object.path);
            }
            catch (error) {
                if (isMissing(error))
                    continue;
                throw error;
            }
        }
        objectsChecked++;
        if (actual !== object.hash)
            corrupt.push({ path: object.path, expected: object.hash, actual });
    }
    const corruptPaths = new Set(corrupt.map((c) => c.path));
    const problemOf = treeProblems(cache, corruptPaths, pacer);
    const brokenRefs = [];
    for (const entry of cache.listRefs()) {
        const read = readRef(entry.path);
        if (read.state === 'missing')
            continue;
        const problem = read.state === 'unreadable' ? { kind: 'unreadable', message: read.message } : await problemOf(read.roots);
        if (problem)
            brokenRefs.push({ ref: entry.ref, path: entry.path, problem });
    }
    if (options.repair) {
        // Refs first: a ref must never name an object that is already gone.
        for (const broken of brokenRefs)
            cache_check_unlinkIfPresent(broken.path);
        for (const object of corrupt)
            cache_check_unlinkIfPresent(object.path);
    }
    return { objectsChecked, corrupt, brokenRefs, repaired: options.repair };
}
/**
 * The first problem in a ref's roots, if any. Verdicts on directories are remembered, so a
 * subtree shared by many artifacts (and by an artifact's strong and weak refs) is walked once.
 */
function treeProblems(cache, corruptPaths, pacer) {
    const store = cache.store;
    const verdicts = new Map();
    const presenceProblem = (at) => {
        if (!at.present)
            return { kind: 'missing-object', object: at.path };
        if (corruptPaths.has(at.path))
            return { kind: 'corrupt-object', object: at.path };
        return undefined;
    };
    const objectProblem = (hash, executable, acceptOtherVariant) => presenceProblem(locateObject(store, hash, executable, acceptOtherVariant));
    const directoryProblem = async (digest) => {
        if (verdicts.has(digest.hash))
            return verdicts.get(digest.hash);
        await pacer.step();
        // A Directory blob is read through either variant, as the store reads blobs.
        const at = locateObject(store, digest.hash, false, true);
        let problem = presenceProblem(at);
        if (!problem) {
            const children = readTreeAt(at.path);
            if (!children)
                problem = { kind: 'corrupt-object', object: at.path };
            for (const child of children ?? []) {
                if (child.kind === 'symlink')
                    continue;
                if (!isHash(child.digest.hash))
                    problem = { kind: 'corrupt-object', object: at.path };
                // Staging links exactly the variant the entry asks for, so a file needs that one.
                else if (child.kind === 'file')
                    problem = objectProblem(child.digest.hash, child.isExecutable, false);
                else
                    problem = await directoryProblem(child.digest);
                if (problem)
                    break;
            }
        }
        verdicts.set(digest.hash, problem);
        return problem;
    };
    return async (roots) => {
        const log = roots.log && objectProblem(roots.log.hash, false, true);
        if (log)
            return log;
        return roots.files && (await directoryProblem(roots.files));
    };
}
/** Streams the file through sha256: objects can be gigabytes. */
async function cache_check_hashFile(file) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    for await (const chunk of external_node_fs_default().createReadStream(file, { highWaterMark: 1 << 20 }))
        hash.update(chunk);
    return hash.digest('hex');
}
function cache_check_unlinkIfPresent(file) {
    try {
        external_node_fs_default().unlinkSync(file);
    }
    catch (error) {
        if (!isMissing(error))
            throw error;
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/cache.ts
// `cairn cache check [--repair]`: re-hashes every object of the local cache and reports the
// corrupt ones and the artifacts that need them; --repair removes both, so they are rebuilt.


const CACHE_OPTIONS = [{ name: 'repair', values: 0 }];
async function cacheCommand(context) {
    const [verb] = context.parsed.positionals;
    if (verb !== 'check')
        throw new UsageError(`cairn cache takes check${verb ? `, not '${verb}'` : ''}`);
    const repair = context.flag('repair');
    const report = await checkCache(context.cache, { repair });
    const { out } = context.io;
    out.write(`checked ${report.objectsChecked} objects in ${context.cache.directory}\n`);
    for (const corrupt of report.corrupt)
        out.write(`corrupt object ${corrupt.path}: expected ${corrupt.expected}, found ${corrupt.actual}\n`);
    for (const broken of report.brokenRefs)
        out.write(`broken artifact ${broken.ref.project}/${broken.ref.element}/${broken.ref.key}: ${describeProblem(broken.problem)}\n`);
    const problems = report.corrupt.length + report.brokenRefs.length;
    if (problems === 0) {
        out.write('no problems found\n');
        return 0;
    }
    out.write(repair ? `repaired: removed ${report.corrupt.length} corrupt objects and ${report.brokenRefs.length} artifact refs that needed them\n` : 'run cairn cache check --repair to remove them\n');
    return repair ? 0 : 1;
}
function describeProblem(problem) {
    switch (problem.kind) {
        case 'unreadable':
            return `unreadable record (${problem.message})`;
        case 'missing-object':
            return `needs missing object ${problem.object}`;
        case 'corrupt-object':
            return `needs corrupt object ${problem.object}`;
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/shell.ts
// `cairn shell`: a shell (or one command) in a sandbox holding an element's staged run scope,
// or with --build what its build would stage plus its sources at the build root. Changes to
// the root are thrown away with the sandbox.







const SHELL_OPTIONS = [{ name: 'build', short: 'b', values: 0 }];
async function shellCommand(context, command) {
    const targets = context.parsed.positionals;
    if (targets.length !== 1)
        throw new UsageError('cairn shell takes exactly one element (and, after --, a command)');
    const graph = await context.loadGraph(targets);
    const element = graph.targets[0];
    const keyed = graph.keyed(element);
    const build = context.flag('build');
    const staged = (build ? graph.buildScope(element) : checkoutElements(graph, element, 'run')).filter((e) => e.kind !== 'junction' && e.kind !== 'link');
    const store = context.cache.store;
    const area = new StagingArea(store);
    const integration = [];
    for (const e of staged) {
        const record = context.requireArtifact(graph, e, 'success');
        if (record.files)
            area.add({ name: e.fullName, tree: record.files.hash, location: '/' });
        const bst = record.public?.bst;
        const commands = Array.isArray(bst?.['integration-commands']) ? bst['integration-commands'] : [];
        commands.forEach((command, i) => {
            if (typeof command === 'string')
                integration.push({ label: `integration-commands[${i}] of ${e.fullName}`, command });
        });
    }
    const capabilities = await probeSandbox(context.userConfig.bwrap ? { bwrap: context.userConfig.bwrap } : {});
    const work = store.temporaryPath('shell');
    const root = external_node_path_default().join(work, 'root');
    const scratch = external_node_path_default().join(work, 'scratch');
    external_node_fs_default().mkdirSync(root, { recursive: true });
    external_node_fs_default().mkdirSync(scratch);
    try {
        // Without an overlay, a private copy keeps writes away from the cache.
        await area.materialize(root, capabilities.overlay ? 'link' : 'copy');
        const variables = keyed.composed.view.variables;
        const writable = [];
        let cwd = '/';
        if (build) {
            const buildRoot = variables.get('build-root') ?? '/buildstream/build';
            const host = external_node_path_default().join(work, 'build');
            external_node_fs_default().mkdirSync(host);
            for (const source of keyed.composed.sources) {
                const target = source.view.directory ? external_node_path_default().join(host, source.view.directory) : host;
                external_node_fs_default().mkdirSync(target, { recursive: true });
                await source.plugin.stage?.(source.view, target, { sourceCache: context.userConfig.sourceDirectory, signal: new AbortController().signal, log: () => undefined });
            }
            writable.push({ host, path: buildRoot });
            cwd = buildRoot;
        }
        const env = {};
        for (const [name, value] of keyed.composed.environment.entries)
            if (value.kind === 'scalar')
                env[name] = value.value;
        env['PS1'] = `[${element.fullName}:\\w]\\$ `;
        const interactive = command.length === 0;
        // As in a build, the staged elements are integrated first; the shell then sees the result.
        if (integration.length > 0) {
            const integrated = await runInSandbox(capabilities, { root, rootWritable: true, layered: true, scratch, writable: [], cwd: '/', env, uid: 0, gid: 0, commands: integration });
            if (!integrated.ok)
                return integrated.failed?.exitCode ?? 1;
        }
        const result = await runInSandbox(capabilities, {
            layered: true,
            root,
            rootWritable: true,
            scratch,
            writable,
            cwd,
            env,
            uid: 0,
            gid: 0,
            commands: [{ label: interactive ? 'shell' : 'command', command: interactive ? 'exec /bin/sh -i' : command.map(shellQuote).join(' ') }],
            // A command, like a shell, talks to the terminal directly (no log headers), as bst shell does.
            interactive: true,
        });
        return result.ok ? 0 : result.failed?.exitCode ?? 1;
    }
    finally {
        removeTree(work);
    }
}
function shellQuote(word) {
    return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

;// CONCATENATED MODULE: ./src/cli/format.ts
// BuildStream's `--format` strings: `%{name}` placeholders, each with an optional Python-style
// format spec (`%{state: >12}`, `%{name:^20}`): fill, alignment and width.
const PLACEHOLDER = /%\{([a-z-]+)(?::([^}]*))?\}/g;
/** The placeholders a format string uses, so that only the needed work is done. */
function placeholdersOf(format) {
    const names = new Set();
    for (const match of format.matchAll(PLACEHOLDER))
        names.add(match[1]);
    return names;
}
/** Python's format spec for strings: [[fill]align][width]; other parts are ignored. */
function applySpec(value, spec) {
    if (!spec)
        return value;
    const match = /^(?:(.)?([<>^]))?(\d+)?/.exec(spec);
    if (!match)
        return value;
    const fill = match[1] ?? ' ';
    const align = match[2] ?? '<';
    const width = match[3] ? Number(match[3]) : 0;
    const pad = width - [...value].length;
    if (pad <= 0)
        return value;
    if (align === '>')
        return fill.repeat(pad) + value;
    if (align === '^')
        return fill.repeat(Math.floor(pad / 2)) + value + fill.repeat(Math.ceil(pad / 2));
    return value + fill.repeat(pad);
}
/** Substitutes every known placeholder; unknown ones stay as written, as in BuildStream. */
function renderFormat(format, values) {
    return format.replace(PLACEHOLDER, (whole, name, spec) => {
        const value = values(name);
        return value === undefined ? whole : applySpec(value, spec);
    });
}

;// CONCATENATED MODULE: ./src/cli/commands/show-render.ts
// `cairn show`: the elements of a scope, one line each, in a `--format` of BuildStream's
// placeholders. It renders what the engine computed; it decides nothing itself.




const DEFAULT_SHOW_FORMAT = '%{state: >12} %{full-key} %{name} %{workspace-dirs}';
const UNKNOWN_KEY = '?'.repeat(64);
/** An element's state as BuildStream names it. */
function stateOf(graph, keyed, artifact, memo = new Map()) {
    if (!keyed.resolved)
        return 'no reference';
    if (keyed.loaded.kind === 'junction')
        return 'junction';
    if (!keyed.keys)
        return 'waiting';
    const state = artifact(keyed);
    if (state)
        return state;
    if (!keyed.sourcesLocal)
        return 'fetch needed';
    // Buildable once everything its build stages is cached: each build dependency and, through
    // them, their runtime dependencies.
    const ready = keyed.loaded.dependencies.every((d) => d.type === 'runtime' || runtimeClosureCached(graph, d.element, artifact, memo));
    return ready ? 'buildable' : 'waiting';
}
function runtimeClosureCached(graph, element, artifact, memo) {
    const known = memo.get(element);
    if (known !== undefined)
        return known;
    memo.set(element, false);
    const cached = artifact(graph.keyed(element)) === 'cached' &&
        element.dependencies.every((d) => d.type === 'build' || runtimeClosureCached(graph, d.element, artifact, memo));
    memo.set(element, cached);
    return cached;
}
function yamlOf(value) {
    if (Array.isArray(value) && value.length === 0)
        return '[]\n';
    if (value && typeof value === 'object' && Object.keys(value).length === 0)
        return '{}\n';
    return (0,dist/* stringify */.As)(value, { lineWidth: 0 });
}
function selectElements(graph, deps, except) {
    const scope = deps === 'plan' ? 'all' : deps;
    const elements = graph.scope(scope);
    return exceptElements(graph.targets, elements, except);
}
function renderShow(graph, elements, format, artifact = () => undefined) {
    const wanted = placeholdersOf(format);
    const needsKeyed = ['key', 'full-key', 'state', 'config', 'vars', 'env', 'public', 'description'].some((name) => wanted.has(name));
    const lines = [];
    const memo = new Map();
    for (const element of elements) {
        const keyed = needsKeyed ? graph.keyed(element) : undefined;
        const fullKey = keyed?.keys?.strong ?? UNKNOWN_KEY;
        const values = (name) => {
            switch (name) {
                case 'name':
                    return element.fullName;
                case 'kind':
                    return element.kind;
                case 'key':
                    return fullKey.slice(0, 8);
                case 'full-key':
                    return fullKey;
                case 'state':
                    return stateOf(graph, keyed, artifact, memo);
                case 'description': {
                    const description = element.node.get('description');
                    return description?.kind === 'scalar' ? description.value.split(/\r?\n/).join(' ') : '';
                }
                case 'config':
                    return yamlOf(toPlain(keyed.composed.config));
                case 'vars':
                    return yamlOf(Object.fromEntries(keyed.composed.variables.resolved()));
                case 'env':
                    return yamlOf(toPlain(keyed.composed.environment));
                case 'public':
                    return yamlOf(toPlain(keyed.composed.public));
                case 'deps':
                    return yamlOf(directDependencies(element, 'all').map((e) => e.fullName)).trimEnd();
                case 'build-deps':
                    return yamlOf(directDependencies(element, 'build').map((e) => e.fullName)).trimEnd();
                case 'runtime-deps':
                    return yamlOf(directDependencies(element, 'run').map((e) => e.fullName)).trimEnd();
                case 'workspaced':
                case 'workspace-dirs':
                    return '';
                default:
                    return undefined;
            }
        };
        lines.push(renderFormat(format, values));
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

;// CONCATENATED MODULE: ./src/cli/commands/show.ts
// `cairn show`: elements of a scope with their keys and states.


const SHOW_OPTIONS = [
    { name: 'deps', short: 'd', values: 1, choices: ['none', 'run', 'build', 'all', 'plan'] },
    { name: 'except', values: 1, repeat: true },
    { name: 'format', short: 'f', values: 1 },
    { name: 'order', values: 1, choices: ['stage', 'alpha'] },
];
async function showCommand(context) {
    const { parsed } = context;
    const graph = await context.loadGraph(parsed.positionals);
    const except = (parsed.flags.get('except') ?? []).map(([name]) => graph.lookup(name));
    let elements = selectElements(graph, (one(parsed, 'deps') ?? 'all'), except);
    if (one(parsed, 'order') === 'alpha')
        elements = [...elements].sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
    context.io.out.write(renderShow(graph, elements, one(parsed, 'format') ?? DEFAULT_SHOW_FORMAT, context.artifactState(graph)));
    return 0;
}

;// CONCATENATED MODULE: ./src/format/expression.ts
// The option expression language of `(?)` conditionals. BuildStream hands each expression to
// Jinja2 as `{% if EXPR %}` with strict undefined names; this is the part of that language
// projects use, with Python's truthiness and equality. It never looks anything up but the
// option values it is given.

/** What is wrong with an expression, before it is given a position and the expression's text. */
class Problem extends Error {
    hint;
    constructor(message, hint) {
        super(message);
        this.hint = hint;
    }
}
const PUNCTUATION = ['==', '!=', '(', ')', '[', ']', ','];
/** Jinja2 operators Cairn does not evaluate: named, so the error says what was not understood. */
const UNSUPPORTED = ['<=', '>=', '//', '**', '<', '>', '+', '-', '*', '/', '%', '~', '|', '.', '{', '}', ':', '='];
const ESCAPES = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', "'": "'", '"': '"' };
function tokenize(text) {
    const tokens = [];
    let i = 0;
    while (i < text.length) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
            continue;
        }
        const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
        if (name) {
            tokens.push({ kind: 'name', text: name[0] });
            i += name[0].length;
            continue;
        }
        if (c === '"' || c === "'") {
            let value = '';
            let j = i + 1;
            for (;;) {
                if (j >= text.length)
                    throw new Problem(`the string ${text.slice(i)} is not closed`);
                const d = text[j];
                if (d === c)
                    break;
                if (d === '\\' && j + 1 < text.length) {
                    const e = text[j + 1];
                    // Like Python, an unknown escape keeps its backslash.
                    value += ESCAPES[e] ?? `\\${e}`;
                    j += 2;
                    continue;
                }
                value += d;
                j++;
            }
            tokens.push({ kind: 'string', text: text.slice(i, j + 1), value });
            i = j + 1;
            continue;
        }
        const punct = PUNCTUATION.find((p) => text.startsWith(p, i));
        if (punct) {
            tokens.push({ kind: 'punct', text: punct });
            i += punct.length;
            continue;
        }
        const unsupported = UNSUPPORTED.find((p) => text.startsWith(p, i));
        if (unsupported)
            throw new Problem(`the operator '${unsupported}' is not supported`, 'use ==, !=, in, not in, not, and, or');
        throw new Problem(`unexpected character '${c}'`);
    }
    tokens.push({ kind: 'end', text: '' });
    return tokens;
}
// ---------------------------------------------------------------------------------------------
// Parser: Jinja2's precedence, loosest first: or, and, not, comparisons, `is` tests, atoms.
const CONSTANTS = new Map([
    ['True', true],
    ['true', true],
    ['False', false],
    ['false', false],
    ['None', null],
    ['none', null],
]);
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else']);
class Parser {
    tokens;
    pos = 0;
    constructor(tokens) {
        this.tokens = tokens;
    }
    parse() {
        if (this.peek().kind === 'end')
            throw new Problem('there is no expression');
        const expr = this.or();
        if (this.peek().kind !== 'end')
            throw this.unexpected();
        return expr;
    }
    peek(offset = 0) {
        return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)];
    }
    next() {
        const token = this.peek();
        this.pos++;
        return token;
    }
    isWord(word, offset = 0) {
        const token = this.peek(offset);
        return token.kind === 'name' && token.text === word;
    }
    isPunct(punct) {
        const token = this.peek();
        return token.kind === 'punct' && token.text === punct;
    }
    unexpected() {
        const token = this.peek();
        return new Problem(token.kind === 'end' ? 'the expression ends too early' : `unexpected '${token.text}'`);
    }
    or() {
        let left = this.and();
        while (this.isWord('or')) {
            this.next();
            left = { op: 'or', left, right: this.and() };
        }
        return left;
    }
    and() {
        let left = this.not();
        while (this.isWord('and')) {
            this.next();
            left = { op: 'and', left, right: this.not() };
        }
        return left;
    }
    not() {
        if (this.isWord('not')) {
            this.next();
            return { op: 'not', operand: this.not() };
        }
        return this.compare();
    }
    compare() {
        const first = this.tested();
        const rest = [];
        for (;;) {
            let how;
            if (this.isPunct('==') || this.isPunct('!='))
                how = this.next().text;
            else if (this.isWord('in')) {
                this.next();
                how = 'in';
            }
            else if (this.isWord('not') && this.isWord('in', 1)) {
                this.pos += 2;
                how = 'not in';
            }
            else
                break;
            rest.push({ how, right: this.tested() });
        }
        return rest.length === 0 ? first : { op: 'compare', first, rest };
    }
    tested() {
        let subject = this.atom();
        while (this.isWord('is')) {
            this.next();
            let negated = false;
            if (this.isWord('not')) {
                this.next();
                negated = true;
            }
            const test = this.next();
            if (test.kind !== 'name')
                throw new Problem(test.kind === 'end' ? "'is' needs a test name" : `unexpected '${test.text}'`);
            if (test.text !== 'defined' && test.text !== 'undefined') {
                throw new Problem(`the test 'is ${test.text}' is not supported`, "only 'is defined' and 'is undefined' are");
            }
            subject = { op: 'test', subject, test: test.text, negated };
        }
        return subject;
    }
    atom() {
        const token = this.peek();
        if (token.kind === 'string') {
            this.next();
            return { op: 'constant', value: token.value };
        }
        if (token.kind === 'name') {
            if (KEYWORDS.has(token.text))
                throw this.unexpected();
            this.next();
            const constant = CONSTANTS.get(token.text);
            if (constant !== undefined)
                return { op: 'constant', value: constant };
            if (this.isPunct('('))
                throw new Problem(`calling '${token.text}' is not supported`);
            return { op: 'name', name: token.text };
        }
        if (this.isPunct('[')) {
            this.next();
            const { items } = this.items(']');
            return { op: 'sequence', sequence: 'list', items };
        }
        if (this.isPunct('(')) {
            this.next();
            const { items, trailingComma } = this.items(')');
            // `(x)` groups; `()`, `(x,)` and `(x, y)` are tuples, as in Python.
            if (items.length === 1 && !trailingComma)
                return items[0];
            return { op: 'sequence', sequence: 'tuple', items };
        }
        throw this.unexpected();
    }
    /** Comma-separated expressions up to `close`, which is consumed. */
    items(close) {
        const items = [];
        let trailingComma = false;
        while (!this.isPunct(close)) {
            items.push(this.or());
            trailingComma = false;
            if (this.isPunct(',')) {
                this.next();
                trailingComma = true;
            }
            else if (!this.isPunct(close)) {
                throw this.unexpected();
            }
        }
        this.next();
        return { items, trailingComma };
    }
}
// ---------------------------------------------------------------------------------------------
// Evaluation with Python semantics.
function truthy(value) {
    if (value === null)
        return false;
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'string')
        return value.length > 0;
    return value.items.length > 0;
}
function equal(a, b) {
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object')
        return a === b;
    return a.sequence === b.sequence && a.items.length === b.items.length && a.items.every((item, i) => equal(item, b.items[i]));
}
function typeName(value) {
    if (value === null)
        return 'None';
    if (typeof value === 'boolean')
        return 'bool';
    if (typeof value === 'string')
        return 'str';
    return value.sequence;
}
function contains(container, item) {
    if (typeof container === 'string') {
        if (typeof item !== 'string')
            throw new Problem(`'in <string>' needs a string on its left, not ${typeName(item)}`);
        return container.includes(item);
    }
    if (container !== null && typeof container === 'object')
        return container.items.some((member) => equal(member, item));
    throw new Problem(`'in' needs a list or a string on its right, not ${typeName(container)}`);
}
function toValue(value) {
    if (typeof value === 'boolean' || typeof value === 'string')
        return value;
    return { sequence: 'list', items: value };
}
function evaluate(expr, context) {
    switch (expr.op) {
        case 'constant':
            return expr.value;
        case 'name': {
            const value = context.get(expr.name);
            if (value === undefined) {
                const declared = [...context.keys()];
                throw new Problem(`undefined option '${expr.name}'`, declared.length > 0 ? `declared options: ${declared.join(', ')}` : 'the project declares no options');
            }
            return toValue(value);
        }
        case 'sequence':
            return { sequence: expr.sequence, items: expr.items.map((item) => evaluate(item, context)) };
        case 'not':
            return !truthy(evaluate(expr.operand, context));
        case 'and': {
            const left = evaluate(expr.left, context);
            return truthy(left) ? evaluate(expr.right, context) : left;
        }
        case 'or': {
            const left = evaluate(expr.left, context);
            return truthy(left) ? left : evaluate(expr.right, context);
        }
        case 'compare': {
            // Chained like Python: `a == b == c` is `a == b and b == c`.
            let left = evaluate(expr.first, context);
            for (const { how, right: rightExpr } of expr.rest) {
                const right = evaluate(rightExpr, context);
                let holds;
                if (how === '==')
                    holds = equal(left, right);
                else if (how === '!=')
                    holds = !equal(left, right);
                else if (how === 'in')
                    holds = contains(right, left);
                else
                    holds = !contains(right, left);
                if (!holds)
                    return false;
                left = right;
            }
            return true;
        }
        case 'test': {
            // Only a bare name can be undefined; anything else is defined once it evaluates.
            let defined = true;
            if (expr.subject.op === 'name')
                defined = context.has(expr.subject.name);
            else
                evaluate(expr.subject, context);
            const result = expr.test === 'defined' ? defined : !defined;
            return expr.negated ? !result : result;
        }
    }
}
/**
 * Evaluates conditional expressions, parsing each distinct text once. One evaluator belongs to
 * one owner (a project's option pool), so the cache lives and dies with it.
 */
class ExpressionEvaluator {
    parsed = new Map();
    /** Is `text` true for these option values? Errors point at `at`, where the expression is written. */
    evaluate(text, context, at) {
        const parsed = this.parse(text);
        try {
            if (!parsed.ok)
                throw parsed.problem;
            return truthy(evaluate(parsed.expr, context));
        }
        catch (error) {
            if (error instanceof Problem) {
                throw new CairnError('expression-failed', `cannot evaluate '${text}': ${error.message}`, at, error.hint);
            }
            throw error;
        }
    }
    parse(text) {
        let parsed = this.parsed.get(text);
        if (parsed === undefined) {
            try {
                parsed = { ok: true, expr: new Parser(tokenize(text)).parse() };
            }
            catch (error) {
                if (!(error instanceof Problem))
                    throw error;
                parsed = { ok: false, problem: error };
            }
            this.parsed.set(text, parsed);
        }
        return parsed;
    }
}

;// CONCATENATED MODULE: ./src/format/options.ts
// A project's options: their declarations in project.conf, validated as BuildStream validates
// them, the values set over the defaults (junction config, user config, command line; later
// wins), and the two things the rest of the loader needs from them: a context for `(?)`
// expressions and the variables they export. It reads nothing but the nodes it is given, and
// the element directory when an element-mask value has to be checked.





const OPTION_TYPES = ['bool', 'enum', 'flags', 'element-mask', 'arch', 'os'];
/** This machine as `uname` names it: `{ arch: 'x86_64', os: 'Linux' }`. */
function hostPlatform() {
    const machine = external_node_os_default().machine();
    const system = external_node_os_default().type();
    return {
        // macOS and Windows say arm64 where Linux says aarch64; BuildStream only knows the latter.
        arch: machine === 'arm64' ? 'aarch64' : machine,
        os: system === 'Windows_NT' ? 'Windows' : system,
    };
}
const ARCH_ALIASES = new Map([
    ['aarch32', 'aarch32'],
    ['aarch64', 'aarch64'],
    ['aarch64-be', 'aarch64-be'],
    ['amd64', 'x86-64'],
    ['arm', 'aarch32'],
    ['armv8l', 'aarch64'],
    ['armv8b', 'aarch64-be'],
    ['i386', 'x86-32'],
    ['i486', 'x86-32'],
    ['i586', 'x86-32'],
    ['i686', 'x86-32'],
    ['la64v100', 'la64v100'],
    ['loong64', 'la64v100'],
    ['loongarch64', 'la64v100'],
    ['power-isa-be', 'power-isa-be'],
    ['power-isa-le', 'power-isa-le'],
    ['powerpc', 'power-isa-be'],
    ['powerpc64', 'power-isa-be'],
    ['powerpc64le', 'power-isa-le'],
    ['ppc64', 'power-isa-be'],
    ['ppc64le', 'power-isa-le'],
    ['riscv32', 'rv32g'],
    ['riscv64', 'rv64g'],
    ['rv32g', 'rv32g'],
    ['rv64g', 'rv64g'],
    ['sparc', 'sparc-v9'],
    ['sparc64', 'sparc-v9'],
    ['sparc-v9', 'sparc-v9'],
    ['sun4v', 'sparc-v9'],
    ['x86-32', 'x86-32'],
    ['x86-64', 'x86-64'],
]);
/** BuildStream's OS-independent name for an architecture (`amd64` → `x86-64`), if it knows it. */
function canonicalArch(name) {
    return ARCH_ALIASES.get(name.replaceAll('_', '-').toLowerCase());
}
const COMMON_KEYS = ['type', 'description', 'variable'];
const KEYS = {
    bool: [...COMMON_KEYS, 'default'],
    enum: [...COMMON_KEYS, 'values', 'default'],
    flags: [...COMMON_KEYS, 'values', 'default'],
    'element-mask': [...COMMON_KEYS, 'default'],
    arch: [...COMMON_KEYS, 'values'],
    os: [...COMMON_KEYS, 'values'],
};
const OPTION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const VARIABLE_NAME = /^[A-Za-z_-][A-Za-z0-9_-]*$/;
const YAML_BOOLS = new Map([
    ['True', true],
    ['true', true],
    ['1', true],
    ['False', false],
    ['false', false],
    ['0', false],
]);
const CLI_BOOLS = new Map([
    ['True', true],
    ['true', true],
    ['False', false],
    ['false', false],
]);
const options_kindName = (node) => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');
function invalidValue(option, value, at, allowed, hint) {
    const choose = option.type === 'flags' ? 'choose any of' : 'choose one of';
    return new CairnError('invalid-option', `option '${option.name}' has no value '${value}': ${choose} ${allowed.join(', ')}`, at, hint);
}
class OptionPool {
    settings;
    options = new Map();
    expressions = new ExpressionEvaluator();
    resolved;
    elementNames;
    constructor(settings) {
        this.settings = settings;
    }
    /** Declares the options of a project.conf `options:` mapping, each at its default. */
    static declare(options, settings = {}) {
        const pool = new OptionPool(settings);
        for (const [name, definition] of options.entries) {
            pool.options.set(name, pool.declareOne(name, options.whereIs(name), definition));
        }
        return pool;
    }
    /** The declared option names, in declaration order. */
    names() {
        return [...this.options.keys()];
    }
    has(name) {
        return this.options.has(name);
    }
    /**
     * Sets an option's value. A string is a command-line value (`-o NAME VALUE`: flags are
     * comma-separated, booleans only True/true/False/false); a node is a value from YAML
     * (junction or user configuration: flags are lists, booleans also 1/0). `at` is where the
     * option's name was written, for an unknown name.
     */
    set(name, value, at, how) {
        const option = this.options.get(name);
        if (option === undefined) {
            if (how.ignoreUnknown)
                return;
            const declared = this.options.size > 0 ? `this project declares ${this.names().join(', ')}` : 'this project declares no options';
            const where = how.source === 'command-line' ? ' on the command line' : '';
            throw new CairnError('invalid-option', `unknown option '${name}'${where}: ${declared}`, at);
        }
        option.value = typeof value === 'string' ? this.parseCommandLine(option, value) : this.parseYaml(option, value);
        option.fromHost = false;
        this.resolved = undefined;
    }
    /** Every `NAME: VALUE` of a junction's `config: options:` or a user configuration's `options:`. */
    setFromYaml(values, source = 'user-config') {
        for (const [name, value] of values.entries)
            this.set(name, value, values.whereIs(name), { source });
    }
    /** One `-o NAME VALUE`; unknown names can be ignored while loading the junctions' own options. */
    setFromCommandLine(name, value, settings = {}) {
        this.set(name, value, undefined, { source: 'command-line', ignoreUnknown: settings.ignoreUnknown ?? false });
    }
    /**
     * Checks what could not be checked while setting: an arch or os option left at the host's
     * value must list that value. The context and exported variables resolve first by themselves.
     */
    resolve() {
        if (this.resolved)
            return;
        const context = new Map();
        for (const option of this.options.values()) {
            if (option.fromHost && !option.values.includes(option.value)) {
                const what = option.type === 'arch' ? 'architecture' : 'operating system';
                throw new CairnError('invalid-option', `option '${option.name}' has no value '${String(option.value)}' (this host's ${what}): choose one of ${option.values.join(', ')}`, option.at, `pick one with -o ${option.name} VALUE`);
            }
            context.set(option.name, option.value);
        }
        this.resolved = context;
    }
    /** Option name → value for expressions: bool → boolean, flags and element-mask → list, others → string. */
    context() {
        this.resolve();
        return this.resolved;
    }
    /** `[variable, value, where the variable is declared]` for each option with `variable:`. */
    exportVariables() {
        this.resolve();
        const exported = [];
        for (const option of this.options.values()) {
            if (option.variable)
                exported.push([option.variable.name, exportedValue(option.value), option.variable.at]);
        }
        return exported;
    }
    /** Evaluates a `(?)` expression over the current values; errors point at `at`. */
    evaluate(expression, at) {
        return this.expressions.evaluate(expression, this.context(), at);
    }
    // -------------------------------------------------------------------------------------------
    // Declarations
    declareOne(name, at, definition) {
        if (!OPTION_NAME.test(name)) {
            throw new CairnError('invalid-symbol-name', `invalid option name '${name}'`, at, 'option names hold only letters, digits and underscores, and do not start with a digit');
        }
        if (definition.kind !== 'mapping') {
            throw new CairnError('invalid-data', `option '${name}' must be a mapping, not ${options_kindName(definition)}`, definition.at);
        }
        const typeNode = requireScalar(definition, 'type', `option '${name}'`, at, `choose one of ${OPTION_TYPES.join(', ')}`);
        const type = OPTION_TYPES.find((t) => t === typeNode.value);
        if (type === undefined) {
            throw new CairnError('invalid-data', `option '${name}' has unknown type '${typeNode.value}'`, typeNode.at, `choose one of ${OPTION_TYPES.join(', ')}`);
        }
        const what = `${type} option '${name}'`;
        // BuildStream does not use the description, but it requires one.
        requireScalar(definition, 'description', what, at);
        const variableNode = optionalScalar(definition, 'variable');
        if (variableNode && !VARIABLE_NAME.test(variableNode.value)) {
            throw new CairnError('invalid-symbol-name', `invalid variable name '${variableNode.value}' for ${what}`, variableNode.at, 'variable names hold only letters, digits, underscores and dashes, and do not start with a digit');
        }
        for (const key of definition.entries.keys()) {
            if (KEYS[type].includes(key))
                continue;
            let hint = `valid keys: ${KEYS[type].join(', ')}`;
            if (key === 'default' && (type === 'arch' || type === 'os'))
                hint = `${type === 'arch' ? 'an arch' : 'an os'} option defaults to the host's; set it with -o ${name} VALUE`;
            if (key === 'values' && type === 'element-mask')
                hint = "an element-mask option's values are the project's elements";
            throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, definition.whereIs(key), hint);
        }
        const values = type === 'bool' || type === 'element-mask' ? [] : requireValues(definition, what, at);
        const option = {
            name,
            type,
            at,
            variable: variableNode ? { name: variableNode.value, at: variableNode.at } : undefined,
            values,
            value: false,
            fromHost: false,
        };
        switch (type) {
            case 'bool': {
                const node = requireScalar(definition, 'default', what, at, 'True or False');
                option.value = this.parseYaml(option, node);
                break;
            }
            case 'enum': {
                const node = requireScalar(definition, 'default', what, at, `one of ${values.join(', ')}`);
                option.value = this.parseYaml(option, node);
                break;
            }
            case 'flags':
            case 'element-mask': {
                const node = definition.get('default');
                // The default keeps its written order; BuildStream sorts only values set over it.
                option.value = node === undefined ? [] : this.parseFlags(option, node, false);
                break;
            }
            case 'arch':
                option.value = this.hostArchDefault(option, definition);
                option.fromHost = true;
                break;
            case 'os':
                option.value = this.settings.hostOs ?? hostPlatform().os;
                option.fromHost = true;
                break;
        }
        return option;
    }
    /** The first listed value naming the host's architecture, else the host's canonical name. */
    hostArchDefault(option, definition) {
        const host = this.settings.hostArch ?? hostPlatform().arch;
        const canonicalHost = canonicalArch(host);
        if (canonicalHost === undefined) {
            throw new CairnError('invalid-option', `option '${option.name}' cannot default to the host's architecture '${host}', which BuildStream does not know`, option.at);
        }
        const listed = definition.get('values');
        const items = listed?.kind === 'sequence' ? listed.items : [];
        let chosen;
        // Every value is checked, not only those before the match.
        for (const item of items) {
            if (item.kind !== 'scalar')
                continue; // already refused by requireValues
            const value = item.value;
            const canonical = canonicalArch(value);
            if (canonical === undefined) {
                throw new CairnError('invalid-option', `option '${option.name}' lists '${value}', which is not an architecture BuildStream knows`, item.at);
            }
            if (chosen === undefined && canonical === canonicalHost)
                chosen = value;
        }
        return chosen ?? canonicalHost;
    }
    // -------------------------------------------------------------------------------------------
    // Values
    parseCommandLine(option, text) {
        switch (option.type) {
            case 'bool': {
                const value = CLI_BOOLS.get(text);
                if (value === undefined)
                    throw invalidValue(option, text, undefined, [...CLI_BOOLS.keys()]);
                return value;
            }
            case 'enum':
            case 'arch':
            case 'os':
                if (!option.values.includes(text))
                    throw invalidValue(option, text, undefined, option.values);
                return text;
            case 'flags':
            case 'element-mask': {
                // All whitespace goes, so "pony, horsy" and "pony,horsy" are the same.
                const flags = text.replace(/\s+/g, '').split(',');
                for (const flag of flags)
                    this.checkFlag(option, flag, undefined);
                return flags.sort();
            }
        }
    }
    parseYaml(option, node) {
        switch (option.type) {
            case 'bool': {
                const scalar = expectScalar(option, node);
                const value = YAML_BOOLS.get(scalar.value);
                if (value === undefined)
                    throw invalidValue(option, scalar.value, scalar.at, [...YAML_BOOLS.keys()]);
                return value;
            }
            case 'enum':
            case 'arch':
            case 'os': {
                const scalar = expectScalar(option, node);
                if (!option.values.includes(scalar.value))
                    throw invalidValue(option, scalar.value, scalar.at, option.values);
                return scalar.value;
            }
            case 'flags':
            case 'element-mask':
                return this.parseFlags(option, node, true);
        }
    }
    parseFlags(option, node, sort) {
        if (node.kind !== 'sequence') {
            throw new CairnError('invalid-option', `option '${option.name}' takes a list of values, not ${options_kindName(node)}`, node.at);
        }
        const flags = node.items.map((item) => {
            if (item.kind !== 'scalar')
                throw new CairnError('invalid-option', `option '${option.name}' takes a list of strings, not a list holding ${options_kindName(item)}`, item.at);
            this.checkFlag(option, item.value, item.at);
            return item.value;
        });
        return sort ? flags.sort() : flags;
    }
    checkFlag(option, flag, at) {
        if (option.type === 'flags') {
            if (!option.values.includes(flag))
                throw invalidValue(option, flag, at, option.values);
            return;
        }
        const elements = this.listElements();
        if (elements ? !elements.has(flag) : !flag.endsWith('.bst')) {
            throw new CairnError('invalid-option', `option '${option.name}' has no value '${flag}': ${elements ? 'it is not an element of this project' : 'element names end in .bst'}`, at, 'element-mask values are element file names relative to the element path');
        }
    }
    /** The `.bst` files under the element path, as BuildStream lists them; read once. */
    listElements() {
        const root = this.settings.elementPath;
        if (root === undefined)
            return undefined;
        if (this.elementNames === undefined) {
            const names = new Set();
            const walk = (dir, prefix) => {
                for (const entry of external_node_fs_default().readdirSync(dir, { withFileTypes: true })) {
                    const relative = prefix + entry.name;
                    if (entry.isDirectory())
                        walk(external_node_path_default().join(dir, entry.name), `${relative}/`);
                    else if (relative.endsWith('.bst'))
                        names.add(relative);
                }
            };
            walk(root, '');
            this.elementNames = names;
        }
        return this.elementNames;
    }
}
function exportedValue(value) {
    if (typeof value === 'boolean')
        return value ? '1' : '0';
    if (typeof value === 'string')
        return value;
    return value.join(',');
}
function expectScalar(option, node) {
    if (node.kind !== 'scalar')
        throw new CairnError('invalid-option', `option '${option.name}' takes a single value, not ${options_kindName(node)}`, node.at);
    return node;
}
function optionalScalar(node, key) {
    const value = node.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'scalar')
        throw new CairnError('invalid-data', `'${key}' must be a string, not ${options_kindName(value)}`, value.at);
    return value;
}
function requireScalar(node, key, what, at, hint) {
    const value = optionalScalar(node, key);
    if (value === undefined)
        throw new CairnError('invalid-data', `${what} has no '${key}'`, at, hint);
    return value;
}
function requireValues(node, what, at) {
    const values = node.get('values');
    if (values === undefined)
        throw new CairnError('invalid-data', `${what} has no 'values'`, at, 'list the values it may take');
    if (values.kind !== 'sequence')
        throw new CairnError('invalid-data', `'values' must be a list, not ${options_kindName(values)}`, values.at);
    if (values.items.length === 0)
        throw new CairnError('invalid-data', `${what} has no 'values'`, values.at, 'list the values it may take');
    return values.items.map((item) => {
        if (item.kind !== 'scalar')
            throw new CairnError('invalid-data', `'values' must be a list of strings, not of ${item.kind === 'sequence' ? 'lists' : 'mappings'}`, item.at);
        return item.value;
    });
}

;// CONCATENATED MODULE: ./src/cache/canonical-json.ts
// Canonical JSON for cache keys: byte-for-byte what Python's
// json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True) emits, plus SHA-256 helpers.

const HEX = '0123456789abcdef';
/** Short escapes Python's json module uses; every other char outside 0x20..0x7e becomes \uXXXX. */
const SHORT_ESCAPES = {
    0x08: '\\b',
    0x09: '\\t',
    0x0a: '\\n',
    0x0c: '\\f',
    0x0d: '\\r',
    0x22: '\\"',
    0x5c: '\\\\',
};
// Matches any UTF-16 unit that must be escaped: quote, backslash, controls and all non-ASCII.
// DEL (0x7f) is written as it is: BuildStream hashes with ujson, which does not escape it
// (Python's json module would).
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u0080-\uffff]/;
function hex4(unit) {
    return (HEX.charAt((unit >> 12) & 0xf) +
        HEX.charAt((unit >> 8) & 0xf) +
        HEX.charAt((unit >> 4) & 0xf) +
        HEX.charAt(unit & 0xf));
}
/**
 * Quote a string the way Python's `encode_basestring_ascii` does. Escaping each UTF-16 unit on its
 * own yields exactly Python's surrogate pairs for astral characters (and passes lone surrogates
 * through as \udXXX, as Python does for such code points).
 */
function quote(s) {
    if (!NEEDS_ESCAPE.test(s))
        return '"' + s + '"';
    let out = '"';
    let start = 0;
    for (let i = 0; i < s.length; i++) {
        const unit = s.charCodeAt(i);
        if (unit >= 0x20 && unit <= 0x7f && unit !== 0x22 && unit !== 0x5c)
            continue;
        if (i > start)
            out += s.slice(start, i);
        out += SHORT_ESCAPES[unit] ?? '\\u' + hex4(unit);
        start = i + 1;
    }
    if (start < s.length)
        out += s.slice(start);
    return out + '"';
}
function isHighSurrogate(unit) {
    return unit >= 0xd800 && unit <= 0xdbff;
}
/**
 * Compare two strings by Unicode code point, as Python orders `str` (plain `<` on JS strings
 * compares UTF-16 units, which puts astral characters before U+E000..U+FFFF).
 */
function compareCodePoints(a, b) {
    if (a === b)
        return 0;
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i))
        i++;
    if (i === n)
        return a.length - b.length;
    // The prefix is shared; step back onto the start of the code point containing unit i.
    if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1)))
        i--;
    return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
}
function formatNumber(v) {
    if (!Number.isInteger(v)) {
        // BuildStream never hashes floats, and ujson and Python's json disagree on how to print them,
        // so refuse rather than guess.
        throw new TypeError(`canonicalJson: only integers are supported, got ${String(v)}`);
    }
    // Python prints ints in full decimal (never exponent form); -0 is the int 0.
    return Number.isSafeInteger(v) ? String(v === 0 ? 0 : v) : BigInt(v).toString();
}
function write(v, parts) {
    if (v === null) {
        parts.push('null');
    }
    else if (typeof v === 'string') {
        parts.push(quote(v));
    }
    else if (typeof v === 'number') {
        parts.push(formatNumber(v));
    }
    else if (typeof v === 'boolean') {
        parts.push(v ? 'true' : 'false');
    }
    else if (Array.isArray(v)) {
        parts.push('[');
        for (let i = 0; i < v.length; i++) {
            if (i > 0)
                parts.push(',');
            write(v[i], parts);
        }
        parts.push(']');
    }
    else {
        const obj = v;
        const keys = Object.keys(obj).sort(compareCodePoints);
        parts.push('{');
        for (let i = 0; i < keys.length; i++) {
            const key = keys[i];
            if (i > 0)
                parts.push(',');
            parts.push(quote(key), ':');
            write(obj[key], parts);
        }
        parts.push('}');
    }
}
/** Serialize `v` compactly with sorted keys and ASCII-only output (see the header comment). */
function canonicalJson(v) {
    const parts = [];
    write(v, parts);
    return parts.join('');
}
/** Lowercase hex SHA-256 of the UTF-8 encoding of `text`. */
function sha256Hex(text) {
    return createHash('sha256').update(text, 'utf8').digest('hex');
}
/** BuildStream's `generate_key`: SHA-256 of the canonical JSON. */
function hashKey(v) {
    return sha256Hex(canonicalJson(v));
}

;// CONCATENATED MODULE: ./src/cache/cache-key.ts
// Cache keys, bit for bit as BuildStream 2 computes them: sha256 of canonical JSON of the
// element's own ingredients plus its build-scope dependencies in staging order. Pure functions:
// no clock, no host paths, nothing from the environment but the build OS and architecture.


/** BuildStream's BST_CORE_ARTIFACT_VERSION: the artifact format the keys describe. */
const CORE_ARTIFACT_VERSION = 11;
/** The ingredients as a dictionary, ready for dependencies and the weak key to be added. */
function keyBase(ingredients) {
    const base = {
        'core-artifact-version': CORE_ARTIFACT_VERSION,
        'element-base-key': { 'build-root': ingredients.buildRoot },
        'element-plugin-key': ingredients.pluginKey,
        'element-plugin-name': ingredients.kind,
        'element-plugin-version': ingredients.pluginVersion,
        public: ingredients.public,
        sources: ingredients.sources,
        'fatal-warnings': [...ingredients.fatalWarnings].sort(),
    };
    if (ingredients.sandbox !== undefined)
        base['sandbox'] = ingredients.sandbox;
    if (ingredients.environment !== undefined)
        base['environment'] = ingredients.environment;
    return base;
}
const MARKER = '\u0000dependencies\u0000';
/**
 * An element's key dictionary serialised once, split around its dependency list, so that its
 * weak and strict keys only join pre-serialised dependency entries. `weak-cache-key` sorts
 * after every other key, so it always goes just before the closing brace.
 */
class KeyTemplate {
    before;
    after;
    constructor(base) {
        const json = canonicalJson({ ...base, dependencies: MARKER });
        const quoted = canonicalJson(MARKER);
        const at = json.indexOf(quoted);
        this.before = json.slice(0, at);
        this.after = json.slice(at + quoted.length, -1);
    }
    /** `joined`: the canonical JSON entries of the build scope, in staging order, joined by commas. */
    key(joined, weakKey) {
        const tail = weakKey === undefined ? '}' : `,"weak-cache-key":${canonicalJson(weakKey)}}`;
        // Canonical JSON escapes everything outside ASCII, so latin1 bytes are its UTF-8 bytes.
        return (0,external_node_crypto_namespaceObject.createHash)('sha256').update(`${this.before}[${joined}]${this.after}${tail}`, 'latin1').digest('hex');
    }
}

;// CONCATENATED MODULE: ./src/project/build-scope.ts
// Build scopes for every element, fast: the same walk as ScopeWalker's 'build' scope, over
// integer arrays with a generation stamp instead of sets, because keying walks one scope per
// element and scopes in real graphs hold thousands of elements.
class BuildScopes {
    elements;
    buildDeps;
    runDeps;
    stamp;
    generation = 0;
    stack;
    cursor;
    constructor(elements) {
        this.elements = elements;
        this.buildDeps = elements.map((e) => Int32Array.from(e.dependencies.filter((d) => d.type !== 'runtime').map((d) => d.element.index)));
        this.runDeps = elements.map((e) => Int32Array.from(e.dependencies.filter((d) => d.type !== 'build').map((d) => d.element.index)));
        this.stamp = new Int32Array(elements.length);
        this.stack = new Int32Array(elements.length + 1);
        this.cursor = new Int32Array(elements.length + 1);
    }
    /** The build scope of `element` in staging order: each build dependency's runtime closure, post-order. */
    of(element) {
        const generation = ++this.generation;
        const { stamp, stack, cursor, runDeps } = this;
        const out = [];
        for (const root of this.buildDeps[element.index]) {
            if (stamp[root] === generation)
                continue;
            stamp[root] = generation;
            let depth = 0;
            stack[0] = root;
            cursor[0] = 0;
            while (depth >= 0) {
                const node = stack[depth];
                const children = runDeps[node];
                const i = cursor[depth];
                if (i < children.length) {
                    cursor[depth] = i + 1;
                    const child = children[i];
                    if (stamp[child] !== generation) {
                        stamp[child] = generation;
                        depth++;
                        stack[depth] = child;
                        cursor[depth] = 0;
                    }
                    continue;
                }
                out.push(node);
                depth--;
            }
        }
        return Int32Array.from(out);
    }
}

;// CONCATENATED MODULE: ./src/format/variables.ts
// Resolves `%{name}` references in variable values and expands them in strings and node trees,
// as BuildStream 2 does. It never reads files or decides which layers exist: the loader hands it
// composed `variables:` mappings and the automatic values, and gets strings or errors back.



/** BuildStream 2's builtin variables, exactly as its projectconfig.yaml declares them. */
const BUILTIN_VARIABLES_YAML = `variables:
  # Path configuration, to be used in build instructions.
  prefix: "/usr"
  exec_prefix: "%{prefix}"
  bindir: "%{exec_prefix}/bin"
  sbindir: "%{exec_prefix}/sbin"
  libexecdir: "%{exec_prefix}/libexec"
  datadir: "%{prefix}/share"
  sysconfdir: "/etc"
  sharedstatedir: "%{prefix}/com"
  localstatedir: "/var"
  lib: "lib"
  libdir: "%{prefix}/%{lib}"
  debugdir: "%{libdir}/debug"
  includedir: "%{prefix}/include"
  docdir: "%{datadir}/doc"
  infodir: "%{datadir}/info"
  mandir: "%{datadir}/man"

  # Indicates the default build directory where input is
  # normally staged
  build-root: /buildstream/%{project-name}/%{element-name}

  # Indicates where the build system should look for configuration files
  conf-root: .

  # Indicates the build installation directory in the sandbox
  install-root: /buildstream-install

  # You need to override this with the commands specific for your system
  strip-binaries: ""
`;
/** Variables Cairn sets itself; no project.conf, `elements:` override or element may set them. */
const PROTECTED_VARIABLES = ['project-name', 'element-name', 'max-jobs'];
/** Throw at the first protected variable this mapping tries to set. */
function assertNotProtected(variablesNode) {
    for (const name of PROTECTED_VARIABLES) {
        if (!variablesNode.has(name))
            continue;
        throw new CairnError('protected-variable', `invalid redefinition of protected variable '${name}'`, variablesNode.whereIs(name), `'project-name', 'element-name' and 'max-jobs' are set by Cairn; remove '${name}' from this variables: section`);
    }
}
/**
 * Whether a composed `notparallel` value asks for a serial build. Like BuildStream, the value is
 * read as written (before expansion) and must be one of True, true, 1, False, false or 0.
 */
function isNotParallel(value) {
    if (value === undefined)
        return false;
    const parsed = booleanValue(value.value);
    if (parsed !== undefined)
        return parsed;
    throw new CairnError('invalid-data', `value of 'notparallel' is not of the expected type 'boolean': '${value.value}'`, value.at, 'write True, true, 1, False, false or 0');
}
const REFERENCE = /%\{([a-zA-Z][a-zA-Z0-9_-]*)\}/g;
// Element files repeat the same strings (plugin defaults, shared commands) thousands of times,
// so parsing is cached across instances; the cap only bounds memory on pathological inputs.
// null records text that looked like it might refer to something but does not.
const PARSE_CACHE = new Map();
const PARSE_CACHE_LIMIT = 100_000;
/** The references in `text`, or undefined when it is all literal. */
function parse(text) {
    if (!text.includes('%{'))
        return undefined;
    const cached = PARSE_CACHE.get(text);
    if (cached !== undefined)
        return cached ?? undefined;
    const lits = [];
    const refs = [];
    let last = 0;
    REFERENCE.lastIndex = 0;
    for (let match = REFERENCE.exec(text); match !== null; match = REFERENCE.exec(text)) {
        lits.push(text.slice(last, match.index));
        refs.push(match[1]);
        last = REFERENCE.lastIndex;
    }
    lits.push(text.slice(last));
    const parsed = refs.length === 0 ? null : { lits, refs };
    if (PARSE_CACHE.size >= PARSE_CACHE_LIMIT)
        PARSE_CACHE.clear();
    PARSE_CACHE.set(text, parsed);
    return parsed ?? undefined;
}
function variables_define(name, value, at) {
    return { name, value, at, parsed: parse(value) };
}
/** What `notparallel` puts in place of `max-jobs`; shared so that layers can see it is unchanged. */
const SERIAL_MAX_JOBS = variables_define('max-jobs', '1', SYNTHETIC);
function declarationsOf(node, automatics) {
    const declared = new Map();
    // forEach and for-in rather than destructuring iterators: this runs once per element, mostly
    // before the JIT has warmed up, where they are markedly cheaper.
    node?.entries.forEach((value, name) => {
        if (value.kind !== 'scalar') {
            throw new CairnError('invalid-data', `variable '${name}' must be a string, not ${value.kind === 'sequence' ? 'a list' : 'a mapping'}`, value.at);
        }
        declared.set(name, variables_define(name, value.value, value.at));
    });
    for (const name in automatics)
        declared.set(name, variables_define(name, automatics[name], SYNTHETIC));
    return declared;
}
function unresolved(name, at, referrer) {
    const where = referrer === undefined ? '' : ` in variable '${referrer}'`;
    return new CairnError('unresolved-variable', `reference to undefined variable '${name}'${where}`, at, `declare '${name}' in a variables: section, or correct the name`);
}
function circular(chain) {
    const names = chain.map((def) => def.name);
    const hops = chain.map((def, i) => `'${def.name}' at ${formatProvenance(def.at)} refers to '${names[(i + 1) % names.length]}'`);
    return new CairnError('circular-variable', `variables form a cycle: ${[...names, names[0]].join(' -> ')}`, chain[0].at, hops.join('; '));
}
const NOTHING = new Set();
/** What one scope shares with every scope derived from it: who depends on what. */
class DependencyIndex {
    /** For each name, the variables that refer to it directly. */
    referrers = new Map();
    dependents = new Map();
    unions = new Map();
    constructor(definitions) {
        for (const { name, parsed } of definitions) {
            if (parsed === undefined)
                continue;
            for (const ref of parsed.refs) {
                const list = this.referrers.get(ref);
                if (list === undefined)
                    this.referrers.set(ref, [name]);
                else
                    list.push(name);
            }
        }
    }
    /** The variables whose value depends, directly or not, on any of `changed`. */
    dependentsOfAll(changed) {
        let first;
        let names;
        for (const name of changed) {
            if (this.dependentsOf(name).size === 0)
                continue;
            if (first === undefined)
                first = name;
            else
                (names ??= [first]).push(name);
        }
        if (first === undefined)
            return NOTHING;
        if (names === undefined)
            return this.dependentsOf(first);
        // Elements mostly change the same few variables, so unions are worth keeping.
        const key = names.sort().join('\0');
        let union = this.unions.get(key);
        if (union === undefined) {
            const set = new Set();
            for (const name of names)
                for (const dependent of this.dependentsOf(name))
                    set.add(dependent);
            union = set;
            this.unions.set(key, union);
        }
        return union;
    }
    dependentsOf(name) {
        let found = this.dependents.get(name);
        if (found !== undefined)
            return found;
        if (!this.referrers.has(name))
            return NOTHING;
        const set = new Set();
        const queue = [name];
        while (queue.length > 0) {
            for (const referrer of this.referrers.get(queue.pop()) ?? []) {
                if (!set.has(referrer)) {
                    set.add(referrer);
                    queue.push(referrer);
                }
            }
        }
        found = set;
        this.dependents.set(name, found);
        return found;
    }
}
/**
 * The variables of one scope (a project, a plugin kind, an element). A scope derived from another
 * shares its parsed values and, for every variable that does not depend on anything the scope
 * changes, its resolved values too, so 10,000 elements cost little more than their own variables.
 */
class Variables {
    /** What this layer declares (node, then automatics); inherited by derived layers. */
    declared;
    /** The scope this one is layered on; set only by `derive`. */
    parent;
    /**
     * `max-jobs` as notparallel makes it in this scope, when that differs from what is declared
     * or inherited (null: not defined here); undefined when nothing is overridden.
     */
    maxJobs;
    memo = new Map();
    /** Inherited variables whose value may differ here because they depend on what this layer changes. */
    tainted;
    checked = false;
    /** Variables that cannot be resolved in this scope (a derived scope may supply what they lack). */
    unresolvable;
    order;
    index;
    /** Variables from a composed `variables:` mapping plus automatic values such as `project-name`. */
    constructor(node, automatics = {}) {
        this.declared = declarationsOf(node, automatics);
        if (isNotParallel(this.declared.get('notparallel')))
            this.maxJobs = SERIAL_MAX_JOBS;
    }
    /**
     * A scope layered on `parent`: `node` (e.g. plugin defaults composed with an element's own
     * variables) and `automatics` (e.g. `element-name`) override the parent's variables.
     */
    static derive(parent, node, automatics = {}) {
        const child = new Variables(node, automatics);
        child.parent = parent;
        // notparallel is judged on the composed value, so max-jobs is worked out again in each layer.
        const serial = isNotParallel(child.declared.get('notparallel') ?? parent.lookup('notparallel'));
        const wanted = serial ? SERIAL_MAX_JOBS : (child.declared.get('max-jobs') ?? parent.lookupDeclared('max-jobs'));
        child.maxJobs = wanted === parent.lookup('max-jobs') ? undefined : (wanted ?? null);
        return child;
    }
    /** Expand every `%{name}` in `text`; `at` is where the text was written, for errors. */
    expand(text, at) {
        const parsed = parse(text);
        if (parsed === undefined)
            return text;
        const { lits, refs } = parsed;
        let out = lits[0];
        for (let i = 0; i < refs.length; i++) {
            const value = this.valueOf(refs[i]);
            if (value === undefined)
                throw unresolved(refs[i], at);
            out += value + lits[i + 1];
        }
        return out;
    }
    expandNode(node) {
        switch (node.kind) {
            case 'scalar':
                return new ScalarNode(this.expand(node.value, node.at), node.at);
            case 'sequence':
                return new SequenceNode(node.items.map((item) => this.expandNode(item)), node.at);
            case 'mapping': {
                const entries = new Map();
                for (const [key, value] of node.entries)
                    entries.set(key, this.expandNode(value));
                return new MappingNode(entries, node.at, new Map(node.keyAt));
            }
        }
    }
    /** Resolve every variable, so that undefined references and cycles are reported even if unused. */
    check() {
        if (this.checked)
            return;
        const parent = this.parent;
        if (parent !== undefined) {
            try {
                // Whatever this layer does not change resolves exactly as in the parent, so of those
                // only the ones that fail there need a look.
                for (const name of parent.failing())
                    if (!this.isLocal(name))
                        parent.valueOf(name);
                for (const name of this.declared.keys())
                    this.valueOf(name);
                for (const name of this.taintedSet())
                    this.valueOf(name);
                this.valueOf('max-jobs');
                this.checked = true;
                return;
            }
            catch (error) {
                if (!(error instanceof CairnError))
                    throw error;
                // Something is wrong: report the first problem in declaration order, as BuildStream does.
            }
        }
        for (const name of this.names())
            this.valueOf(name);
        this.checked = true;
    }
    /** Every variable, resolved, in declaration order. */
    resolved() {
        const out = new Map();
        for (const name of this.names())
            out.set(name, this.valueOf(name));
        return out;
    }
    has(name) {
        return this.lookup(name) !== undefined;
    }
    /** The resolved value of `name`, or undefined if no layer declares it. */
    get(name) {
        return this.valueOf(name);
    }
    // -------------------------------------------------------------------------------------------
    /** The definition in effect in this scope. */
    lookup(name) {
        if (this.maxJobs !== undefined && name === 'max-jobs')
            return this.maxJobs ?? undefined;
        return this.declared.get(name) ?? this.parent?.lookup(name);
    }
    /** The declared definition, ignoring what notparallel did to `max-jobs`. */
    lookupDeclared(name) {
        return this.declared.get(name) ?? this.parent?.lookupDeclared(name);
    }
    names() {
        if (this.order !== undefined)
            return this.order;
        const names = this.parent === undefined ? [] : [...this.parent.names()];
        const known = new Set(names);
        for (const name of this.declared.keys())
            if (!known.has(name))
                names.push(name);
        if (this.maxJobs === null && known.has('max-jobs'))
            names.splice(names.indexOf('max-jobs'), 1);
        else if (this.maxJobs && !known.has('max-jobs') && !this.declared.has('max-jobs'))
            names.push('max-jobs');
        this.order = names;
        return names;
    }
    failing() {
        if (this.unresolvable === undefined) {
            const failing = [];
            for (const name of this.names()) {
                try {
                    this.valueOf(name);
                }
                catch (error) {
                    if (!(error instanceof CairnError))
                        throw error;
                    failing.push(name);
                }
            }
            this.unresolvable = failing;
        }
        return this.unresolvable;
    }
    /** Must `name` be resolved in this scope rather than taken from the parent? */
    isLocal(name) {
        return (this.parent === undefined ||
            this.declared.has(name) ||
            (this.maxJobs !== undefined && name === 'max-jobs') ||
            this.taintedSet().has(name));
    }
    taintedSet() {
        if (this.tainted === undefined) {
            if (this.parent === undefined) {
                this.tainted = NOTHING;
            }
            else {
                const parent = this.parent;
                parent.index ??= new DependencyIndex(parent.names().map((name) => parent.lookup(name)));
                const changed = this.maxJobs === undefined ? this.declared.keys() : [...this.declared.keys(), 'max-jobs'];
                this.tainted = parent.index.dependentsOfAll(changed);
            }
        }
        return this.tainted;
    }
    /** The resolved value of `name`, or undefined if it is not declared. */
    valueOf(name) {
        const memo = this.memo.get(name);
        if (memo !== undefined)
            return memo;
        if (!this.isLocal(name))
            return this.parent.valueOf(name);
        const def = this.lookup(name);
        if (def === undefined)
            return undefined;
        if (def.parsed === undefined)
            return def.value;
        return this.resolve(def, def.parsed);
    }
    /** Resolve a value whose references are all resolved already or literal, else go deep. */
    resolve(def, parsed) {
        const { lits, refs } = parsed;
        let out = lits[0];
        for (let i = 0; i < refs.length; i++) {
            const ref = refs[i];
            let value = this.memo.get(ref);
            if (value === undefined) {
                if (!this.isLocal(ref)) {
                    value = this.parent.valueOf(ref);
                    if (value === undefined)
                        throw unresolved(ref, def.at, def.name);
                }
                else {
                    const target = this.lookup(ref);
                    if (target === undefined)
                        throw unresolved(ref, def.at, def.name);
                    if (target.parsed !== undefined)
                        return this.resolveDeep(def);
                    value = target.value;
                }
            }
            out += value + lits[i + 1];
        }
        this.memo.set(def.name, out);
        return out;
    }
    /** Resolve a definition of this scope iteratively, so chains of any length work. */
    resolveDeep(start) {
        const stack = [{ def: start, index: 0, out: start.parsed.lits[0] }];
        const onStack = new Map([[start.name, 0]]);
        for (;;) {
            const frame = stack[stack.length - 1];
            const { lits, refs } = frame.def.parsed;
            let descended = false;
            while (frame.index < refs.length) {
                const ref = refs[frame.index];
                let value = this.memo.get(ref);
                if (value === undefined) {
                    if (!this.isLocal(ref)) {
                        value = this.parent.valueOf(ref);
                        if (value === undefined)
                            throw unresolved(ref, frame.def.at, frame.def.name);
                    }
                    else {
                        const def = this.lookup(ref);
                        if (def === undefined)
                            throw unresolved(ref, frame.def.at, frame.def.name);
                        if (def.parsed === undefined) {
                            value = def.value;
                        }
                        else {
                            const depth = onStack.get(ref);
                            if (depth !== undefined)
                                throw circular(stack.slice(depth).map((f) => f.def));
                            onStack.set(ref, stack.length);
                            stack.push({ def, index: 0, out: def.parsed.lits[0] });
                            descended = true;
                            break;
                        }
                    }
                }
                frame.out += value + lits[frame.index + 1];
                frame.index++;
            }
            if (descended)
                continue;
            stack.pop();
            onStack.delete(frame.def.name);
            this.memo.set(frame.def.name, frame.out);
            if (stack.length === 0)
                return frame.out;
        }
    }
}

;// CONCATENATED MODULE: ./src/project/element.ts
// Composes each loaded element as BuildStream does (the kind's defaults with project.conf's
// `elements:` override, then the element file, over the project's variables, environment,
// sandbox and split rules), expands its variables, and lets its kind and its sources'
// kinds validate and describe themselves. Pure: data in, data out.





const DEFAULTS_KEYS = ['variables', 'environment', 'environment-nocache', 'config', 'public', 'sandbox'];
/** Holds what is shared between elements of one load (per-project, per-kind defaults). */
class ElementComposer {
    kindDefaults = new Map();
    projectVariables = new Map();
    compose(loaded, dependencies) {
        const project = loaded.project;
        const plugin = project.plugins.element(loaded.kind, loaded.kindAt);
        const defaults = this.defaultsFor(project, loaded.kind, plugin);
        const node = loaded.node;
        const ownVariables = getMapping(node, 'variables');
        if (ownVariables)
            assertNotProtected(ownVariables);
        // Variables works out max-jobs itself from the composed `notparallel`.
        const variables = Variables.derive(defaults.variables, ownVariables, { 'element-name': loaded.name });
        variables.check();
        const environment = layered(project.environment, defaults.node, node, 'environment');
        const environmentNocache = [...new Set([...project.environmentNocache, ...strings(defaults.node, 'environment-nocache'), ...strings(node, 'environment-nocache')])];
        const config = layeredConfig(defaults.node, node);
        const sandbox = layered(project.sandbox, defaults.node, node, 'sandbox');
        validateKeys(sandbox, ['build-uid', 'build-gid', 'build-os', 'build-arch', 'remote-apis-socket'], "'sandbox'");
        const publicData = composePublic(defaults.node, node);
        const expandedConfig = variables.expandNode(config);
        const sources = this.composeSources(loaded, variables);
        const view = {
            name: loaded.name,
            kind: loaded.kind,
            config: expandedConfig,
            variables: variables.resolved(),
            dependencies,
            sourceCount: sources.length,
            at: loaded.kindAt,
        };
        if (plugin.configKeys !== 'any')
            validateKeys(expandedConfig, plugin.configKeys, `the config of a ${loaded.kind} element`);
        plugin.validate(view);
        for (const source of sources)
            source.plugin.validate(source.view);
        return {
            loaded,
            plugin,
            variables,
            environment: variables.expandNode(environment),
            environmentNocache,
            config: expandedConfig,
            sandbox: variables.expandNode(sandbox),
            public: variables.expandNode(publicData),
            sources,
            view,
        };
    }
    defaultsFor(project, kind, plugin) {
        let perProject = this.kindDefaults.get(project);
        if (!perProject) {
            perProject = new Map();
            this.kindDefaults.set(project, perProject);
        }
        const known = perProject.get(kind);
        if (known)
            return known;
        const node = readYaml(plugin.defaults, plugin.defaultsFile);
        validateKeys(node, DEFAULTS_KEYS, `the defaults of kind '${kind}'`);
        // The project's split rules, extended by the kind's own.
        const publicNode = getMapping(node, 'public') ?? new MappingNode(new Map(), SYNTHETIC);
        const bst = getMapping(publicNode, 'bst') ?? new MappingNode(new Map(), SYNTHETIC);
        const splits = project.splitRules.clone();
        const kindSplits = getMapping(bst, 'split-rules');
        if (kindSplits)
            compositeInto(splits, kindSplits);
        bst.set('split-rules', splits);
        publicNode.set('bst', bst);
        node.set('public', publicNode);
        const override = getMapping(project.elementOverrides, kind);
        if (override) {
            validateKeys(override, DEFAULTS_KEYS, `elements: ${kind}`);
            compositeInto(node, override);
        }
        const defaultVariables = getMapping(node, 'variables');
        const variables = Variables.derive(this.variablesOf(project), defaultVariables, {});
        const defaults = { node, variables };
        perProject.set(kind, defaults);
        return defaults;
    }
    variablesOf(project) {
        let variables = this.projectVariables.get(project);
        if (!variables) {
            variables = new Variables(project.variables);
            this.projectVariables.set(project, variables);
        }
        return variables;
    }
    composeSources(loaded, variables) {
        const list = getSequence(loaded.node, 'sources');
        if (!list)
            return [];
        const project = loaded.project;
        const storedRefs = project.refStorage === 'project.refs' ? project.refs.get(loaded.name) : undefined;
        return list.items.map((item, index) => {
            if (item.kind !== 'mapping')
                throw new CairnError('invalid-data', 'each source must be a mapping with a kind', item.at);
            const kindScalar = item.get('kind');
            if (!kindScalar || kindScalar.kind !== 'scalar')
                throw new CairnError('invalid-data', "a source needs 'kind'", item.at);
            const plugin = project.plugins.source(kindScalar.value, kindScalar.at);
            validateKeys(item, ['kind', 'directory', 'provenance', ...plugin.configKeys], `a ${kindScalar.value} source`);
            const config = new MappingNode(new Map(), item.at);
            const override = getMapping(project.sourceOverrides, kindScalar.value);
            const overrideConfig = override ? getMapping(override, 'config') : undefined;
            if (overrideConfig)
                compositeInto(config, overrideConfig);
            const own = item.clone();
            for (const key of ['kind', 'directory', 'provenance'])
                own.delete(key);
            compositeInto(config, own);
            // With project.refs, the stored ref replaces any ref written in the element.
            const stored = storedRefs?.[index];
            if (project.refStorage === 'project.refs')
                config.delete('ref');
            if (stored)
                compositeInto(config, stored);
            assertFullyComposited(config);
            const expanded = variables.expandNode(config);
            const directory = getString(item, 'directory');
            const view = {
                kind: kindScalar.value,
                config: expanded,
                directory: directory === undefined ? undefined : variables.expand(directory, item.get('directory').at),
                projectDirectory: project.directory,
                aliases: project.aliases,
                mirrors: project.mirrors,
                at: kindScalar.at,
            };
            return { kind: kindScalar.value, plugin, view };
        });
    }
}
/** project value ← kind defaults ← element, for environment and sandbox. */
function layered(projectNode, defaults, element, key) {
    const result = projectNode.clone();
    const fromDefaults = getMapping(defaults, key);
    if (fromDefaults)
        compositeInto(result, fromDefaults);
    const own = getMapping(element, key);
    if (own)
        compositeInto(result, own);
    assertFullyComposited(result);
    return result;
}
function layeredConfig(defaults, element) {
    const config = (getMapping(defaults, 'config') ?? new MappingNode(new Map(), SYNTHETIC)).clone();
    const own = getMapping(element, 'config');
    if (own)
        compositeInto(config, own);
    assertFullyComposited(config);
    return config;
}
/**
 * Public data is the element's own, with split rules that extend the project's and the kind's
 * (as BuildStream does: the kind's other public keys do not carry over).
 */
function composePublic(defaults, element) {
    const base = getMapping(defaults, 'public');
    const baseBst = base ? getMapping(base, 'bst') : undefined;
    const splits = (baseBst ? getMapping(baseBst, 'split-rules') : undefined)?.clone() ?? new MappingNode(new Map(), SYNTHETIC);
    const own = (getMapping(element, 'public') ?? new MappingNode(new Map(), SYNTHETIC)).clone();
    const ownBst = getMapping(own, 'bst') ?? new MappingNode(new Map(), SYNTHETIC);
    const ownSplits = getMapping(ownBst, 'split-rules');
    if (ownSplits)
        compositeInto(splits, ownSplits);
    ownBst.set('split-rules', splits);
    own.set('bst', ownBst);
    assertFullyComposited(own);
    return own;
}
function strings(node, key) {
    return getStringList(node, key).map((s) => s.value);
}

;// CONCATENATED MODULE: ./src/format/includes.ts
// `(@)` includes: the included files' content goes under the including mapping (the includer
// wins), later files win over earlier ones, includes nest, and a file that includes itself,
// directly or not, is an error. Finding and reading the files is the caller's job.


/** Expands every `(@)` in `node` and below it, in place. */
function processIncludes(node, context, stack = new Set()) {
    const includesNode = node.get('(@)');
    if (includesNode !== undefined) {
        const includes = includeList(includesNode);
        node.delete('(@)');
        // Walk backwards so that each earlier file goes under the later ones: later files win.
        for (let i = includes.length - 1; i >= 0; i--) {
            const include = includes[i];
            if (context.onlyLocal && include.value.includes(':'))
                continue;
            const file = context.resolve(include);
            if (stack.has(file.identity)) {
                throw new CairnError('recursive-include', `'${include.value}' includes itself (through ${[...stack].map((s) => `'${s}'`).join(' -> ')})`, include.at);
            }
            stack.add(file.identity);
            try {
                file.context.conditionals?.(file.node);
                processIncludes(file.node, file.context, stack);
            }
            finally {
                stack.delete(file.identity);
            }
            compositeUnder(file.node, node);
        }
    }
    for (const value of node.entries.values())
        processValue(value, context, stack);
}
function processValue(value, context, stack) {
    if (value.kind === 'mapping')
        processIncludes(value, context, stack);
    else if (value.kind === 'sequence')
        for (const item of value.items)
            processValue(item, context, stack);
}
function includeList(node) {
    if (node.kind === 'scalar')
        return [node];
    if (node.kind === 'sequence' && node.items.every((item) => item.kind === 'scalar'))
        return node.items;
    throw new CairnError('invalid-data', '(@) takes a file name or a list of file names', node.at);
}
/** Put `lower` beneath `upper` in place: `upper` keeps its own values and gains the rest. */
function compositeUnder(lower, upper) {
    const merged = lower;
    compositeInto(merged, upper);
    upper.entries = merged.entries;
    upper.keyAt = merged.keyAt;
}

;// CONCATENATED MODULE: ./src/project/dependencies.ts
// Reads an element's dependency declarations (`build-depends`, `runtime-depends`, `depends`:
// strings, mappings, filename lists) into one list, merging repeated declarations of the same
// element the way BuildStream does: types and strictness are OR-ed, configs accumulate.


const TYPED_KEYS = ['filename', 'junction', 'strict', 'config'];
const UNTYPED_KEYS = ['filename', 'type', 'junction', 'strict', 'config'];
function union(a, b) {
    return a === b ? a : 'all';
}
/** BuildStream reads build-depends, then runtime-depends, then depends; the order matters for sorting. */
function readDependencies(element) {
    const byPath = new Map();
    readGroup(element, 'build-depends', 'build', byPath);
    readGroup(element, 'runtime-depends', 'runtime', byPath);
    readGroup(element, 'depends', undefined, byPath);
    return [...byPath.values()];
}
function readGroup(element, key, groupType, byPath) {
    const list = getSequence(element, key);
    if (!list)
        return;
    for (const item of list.items) {
        for (const dependency of readOne(item, groupType)) {
            const path = `${dependency.junction ?? ''}\u0000${dependency.name}`;
            const existing = byPath.get(path);
            if (!existing) {
                byPath.set(path, dependency);
                continue;
            }
            existing.type = union(existing.type, dependency.type);
            existing.strict ||= dependency.strict;
            existing.configs = [...existing.configs, ...dependency.configs];
        }
    }
}
function splitName(scalar, junction) {
    const name = scalar.value;
    if (junction !== undefined) {
        if (name.includes(':')) {
            throw new CairnError('invalid-data', `dependency '${name}' contains ':' although 'junction' is given`, scalar.at, "drop the junction prefix from 'filename', or drop 'junction'");
        }
        return { junction, name };
    }
    const cut = name.lastIndexOf(':');
    return cut < 0 ? { junction: undefined, name } : { junction: name.slice(0, cut), name: name.slice(cut + 1) };
}
function readOne(item, groupType) {
    if (item.kind === 'scalar') {
        return [{ ...splitName(item, undefined), type: groupType ?? 'all', strict: false, configs: [], at: item.at }];
    }
    if (item.kind !== 'mapping') {
        throw new CairnError('invalid-data', 'a dependency must be an element name or a mapping with a filename', item.at);
    }
    validateKeys(item, groupType ? TYPED_KEYS : UNTYPED_KEYS, 'a dependency');
    let type = groupType ?? 'all';
    const typeScalar = item.get('type');
    if (!groupType && typeScalar) {
        if (typeScalar.kind !== 'scalar' || !['build', 'runtime', 'all'].includes(typeScalar.value)) {
            throw new CairnError('invalid-data', `dependency type '${typeScalar.kind === 'scalar' ? typeScalar.value : '?'}' is not 'build', 'runtime' or 'all'`, typeScalar.at);
        }
        type = typeScalar.value;
    }
    const strict = getBool(item, 'strict', false);
    const strictNode = item.get('strict');
    if (!strict && strictNode) {
        throw new CairnError('invalid-data', "setting 'strict' to false is not supported", strictNode.at, "remove 'strict', or set it to true");
    }
    if (strict && type === 'runtime') {
        throw new CairnError('invalid-data', 'a runtime dependency cannot be strict', item.at, 'only dependencies needed at build time may be strict');
    }
    const config = getMapping(item, 'config');
    if (config && type === 'runtime') {
        throw new CairnError('invalid-data', "a runtime dependency cannot have 'config'", config.at);
    }
    const junction = getString(item, 'junction');
    const filename = item.get('filename');
    if (!filename)
        throw new CairnError('invalid-data', "a dependency mapping needs 'filename'", item.at);
    const names = [];
    if (filename.kind === 'scalar')
        names.push(filename);
    else if (filename.kind === 'sequence') {
        for (const entry of filename.items) {
            if (entry.kind !== 'scalar')
                throw new CairnError('invalid-data', "'filename' lists must hold element names", entry.at);
            names.push(entry);
        }
    }
    else {
        throw new CairnError('invalid-data', "'filename' must be an element name or a list of them", filename.at);
    }
    return names.map((scalar) => ({
        ...splitName(scalar, junction),
        type,
        strict,
        configs: config ? [config] : [],
        at: scalar.at,
    }));
}

;// CONCATENATED MODULE: ./src/project/element-name.ts
// Element names: a path relative to the element path, ending in `.bst`, with no control or
// reserved characters; `junction.bst:element.bst` crosses into a subproject.


const FORBIDDEN = /[\u0000-\u001f\u007f-\uffff<>"|?*]/u;
/** Normalises `./a/./b.bst` to `a/b.bst` and checks the suffix and characters. */
function checkElementName(name, at) {
    if (!name.endsWith('.bst')) {
        throw new CairnError('bad-element-suffix', `element '${name}' does not end in '.bst'`, at, 'element files are named NAME.bst');
    }
    // Code points from 127 up are refused too, as BuildStream refuses them.
    for (const char of name) {
        if (FORBIDDEN.test(char) || char.codePointAt(0) > 0xffff) {
            throw new CairnError('bad-characters-in-name', `element '${name}' has an invalid character ${JSON.stringify(char)}`, at);
        }
    }
    const normal = external_node_path_default().posix.normalize(name);
    if (normal.startsWith('../') || external_node_path_default().posix.isAbsolute(normal)) {
        throw new CairnError('invalid-path', `element '${name}' is outside the element path`, at);
    }
    return normal;
}
/** Splits `a.bst:b.bst:c.bst` into the junction path and the element within the last project. */
function splitJunctionPath(name) {
    const parts = name.split(':');
    const element = parts.pop();
    return { junctions: parts, element };
}

;// CONCATENATED MODULE: ./src/format/conditionals.ts
// Resolves `(?)` conditionals and `(!)` assertions in a loaded tree, in place, as BuildStream's
// option pool does: each true branch is composed onto the mapping that holds the conditional,
// in order. It never reads files and never looks at what the keys mean, except for the keys a
// caller forbids inside conditionals.


const CONDITIONAL = '(?)';
const ASSERTION = '(!)';
const conditionals_kindName = (node) => (node.kind === 'scalar' ? 'a string' : node.kind === 'sequence' ? 'a list' : 'a mapping');
/**
 * Resolves every `(?)` and `(!)` in `node`, at any depth. `forbiddenKeys` are keys no
 * conditional at the top of `node` may set (project.conf's `name`, `options`, ...); as in
 * BuildStream they are refused even in a branch whose condition is false.
 */
function resolveConditionals(node, pool, forbiddenKeys = []) {
    // A true branch can bring in more conditionals: keep going until none is left at this level.
    while (resolveOneLevel(node, pool, forbiddenKeys))
        ;
    for (const value of node.entries.values()) {
        if (value.kind === 'mapping')
            resolveConditionals(value, pool);
        else if (value.kind === 'sequence')
            resolveInList(value, pool);
    }
}
function resolveInList(list, pool) {
    for (const item of list.items) {
        if (item.kind === 'mapping')
            resolveConditionals(item, pool);
        else if (item.kind === 'sequence')
            resolveInList(item, pool);
    }
}
/** Applies the `(?)` list of `node`, if any; says whether there was one. */
function resolveOneLevel(node, pool, forbiddenKeys) {
    // The assertion is checked first, so that one already composed is not lost to a later branch.
    const assertion = node.get(ASSERTION);
    if (assertion !== undefined) {
        if (assertion.kind !== 'scalar') {
            throw new CairnError('invalid-data', `${ASSERTION} must be a message, not ${conditionals_kindName(assertion)}`, assertion.at);
        }
        throw new CairnError('user-assertion', assertion.value.trim(), assertion.at);
    }
    const conditions = node.get(CONDITIONAL);
    if (conditions === undefined)
        return false;
    if (conditions.kind !== 'sequence') {
        throw new CairnError('invalid-data', `${CONDITIONAL} must be a list of conditions, not ${conditionals_kindName(conditions)}`, conditions.at, 'write each condition as a list item EXPRESSION: MAPPING');
    }
    node.delete(CONDITIONAL);
    for (const condition of conditions.items) {
        if (condition.kind !== 'mapping') {
            throw new CairnError('invalid-data', `a condition must be a mapping of an expression to what it applies, not ${conditionals_kindName(condition)}`, condition.at);
        }
        const keys = [...condition.entries.keys()];
        if (keys.length === 0)
            throw new CairnError('invalid-data', 'a condition has no expression', condition.at);
        if (keys.length > 1) {
            throw new CairnError('invalid-data', `a condition has more than one key: '${keys[1]}' follows '${keys[0]}'`, condition.whereIs(keys[1]), 'give each condition its own list item');
        }
        const expression = keys[0];
        const branch = condition.get(expression);
        const applies = pool.evaluate(expression, condition.whereIs(expression));
        if (branch.kind !== 'mapping') {
            throw new CairnError('illegal-composite', `only mappings can be applied by a conditional, not ${conditionals_kindName(branch)}`, branch.at);
        }
        for (const key of forbiddenKeys) {
            if (branch.has(key)) {
                throw new CairnError('illegal-composite', `'${key}' cannot be set by a conditional`, branch.whereIs(key), 'set it unconditionally');
            }
        }
        if (applies)
            compositeInto(node, branch);
    }
    return true;
}

;// CONCATENATED MODULE: ./src/project/project-path.ts
// Project-relative paths from project files (element-path, includes, local sources, patches):
// resolved against the project directory and never allowed to leave it.



/** A project-relative path that must stay inside the project. */
function projectPath(directory, scalar, what, kind) {
    const relative = scalar.value;
    if (external_node_path_default().isAbsolute(relative))
        throw new CairnError('invalid-path', `${what} '${relative}' must be relative to the project`, scalar.at);
    const full = external_node_path_default().resolve(directory, relative);
    if (full !== directory && !full.startsWith(directory + (external_node_path_default()).sep)) {
        throw new CairnError('invalid-path', `${what} '${relative}' points outside the project`, scalar.at);
    }
    if (kind) {
        let stat;
        try {
            stat = external_node_fs_default().statSync(full);
        }
        catch {
            throw new CairnError('missing-file', `${what} '${relative}' does not exist`, scalar.at);
        }
        if (kind === 'directory' && !stat.isDirectory())
            throw new CairnError('invalid-path', `${what} '${relative}' is not a directory`, scalar.at);
        if (kind === 'file' && !stat.isFile())
            throw new CairnError('invalid-path', `${what} '${relative}' is not a regular file`, scalar.at);
    }
    return full;
}

;// CONCATENATED MODULE: ./src/project/project-defaults.ts
// BuildStream 2's built-in project configuration: the layer every project.conf is composed
// onto. The values enter cache keys (environment, split rules), so they are BuildStream's own;
// the builtin variables live with the variable resolver.
const PROJECT_DEFAULTS_FILE = '[builtin project defaults]';
const PROJECT_DEFAULTS_YAML = `
element-path: .
ref-storage: inline
environment:
  PATH: /usr/bin:/bin:/usr/sbin:/sbin
  SHELL: /bin/sh
  TERM: dumb
  USER: tomjon
  USERNAME: tomjon
  LOGNAME: tomjon
  LC_ALL: C
  HOME: /tmp
  TZ: UTC
  SOURCE_DATE_EPOCH: 1321009871
environment-nocache: []
sandbox: {}
split-rules:
  runtime:
  - "%{bindir}"
  - "%{bindir}/*"
  - "%{sbindir}"
  - "%{sbindir}/*"
  - "%{libexecdir}"
  - "%{libexecdir}/*"
  - "%{libdir}/lib*.so*"
  devel:
  - "%{includedir}"
  - "%{includedir}/**"
  - "%{libdir}/lib*.a"
  - "%{libdir}/lib*.la"
  - "%{libdir}/pkgconfig/*.pc"
  - "%{datadir}/pkgconfig/*.pc"
  - "%{datadir}/aclocal/*.m4"
  debug:
  - "%{debugdir}"
  - "%{debugdir}/**"
  doc:
  - "%{docdir}"
  - "%{docdir}/**"
  - "%{infodir}"
  - "%{infodir}/**"
  - "%{mandir}"
  - "%{mandir}/**"
  locale:
  - "%{datadir}/locale"
  - "%{datadir}/locale/**"
  - "%{datadir}/i18n"
  - "%{datadir}/i18n/**"
  - "%{datadir}/zoneinfo"
  - "%{datadir}/zoneinfo/**"
shell:
  command: [sh, -i]
source-provenance-attributes:
  homepage: The project homepage URL
  issue-tracker: The project's issue tracking URL
defaults:
  targets: []
`;
/** Every key project.conf may hold. */
const PROJECT_KEYS = [
    'min-version', 'element-path', 'variables', 'environment', 'environment-nocache', 'split-rules',
    'elements', 'plugins', 'aliases', 'name', 'defaults', 'artifacts', 'options', 'fail-on-overlap',
    'shell', 'fatal-warnings', 'ref-storage', 'sandbox', 'mirrors', 'sources', 'source-caches',
    'junctions', 'source-provenance-attributes',
];
/** Keys a project.conf conditional may not set: they decide how the project itself loads. */
const KEYS_NOT_CONDITIONAL = [
    'min-version', 'name', 'element-path', 'junctions', 'defaults', 'fatal-warnings', 'ref-storage', 'options', 'plugins',
];
/** The BuildStream format version Cairn implements (2.x projects, up to this minor). */
const FORMAT_MAJOR = 2;
const FORMAT_MINOR = 8;

;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./plugins/elements/config-values.ts
// Typed reads from an element's `config:` (or a dependency's `config:`) with BuildStream's rules:
// booleans are only True/true/1 and False/false/0, lists hold only strings, unknown keys are
// errors. Every error names the key and points at the offending value. Nothing here knows a kind.


function describe(node) {
    if (node.kind === 'scalar')
        return `'${node.value}'`;
    return node.kind === 'sequence' ? 'a list' : 'a mapping';
}
/** Any key outside `allowed` is an error pointing at that key; `what` says whose keys these are. */
function checkKeys(mapping, allowed, what) {
    for (const key of mapping.keys()) {
        if (allowed.includes(key))
            continue;
        const hint = allowed.length === 0 ? `${what} takes no keys` : `${what} accepts: ${allowed.join(', ')}`;
        throw new CairnError('invalid-data', `unexpected key '${key}' in ${what}`, mapping.whereIs(key), hint);
    }
}
function missing(mapping, key, what) {
    return new CairnError('invalid-data', `${what} has no '${key}'`, mapping.at, `add '${key}:' to ${what}`);
}
function scalar(mapping, key) {
    const value = mapping.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'scalar') {
        throw new CairnError('invalid-data', `'${key}' must be a single value, not ${describe(value)}`, value.at);
    }
    return value;
}
/** A string value; without a fallback the key is required. */
function readString(mapping, key, what, fallback) {
    const value = scalar(mapping, key);
    if (value !== undefined)
        return value.value;
    if (fallback === undefined)
        throw missing(mapping, key, what);
    return fallback;
}
/** A string value, or undefined when the key is absent. */
function readOptionalString(mapping, key) {
    return scalar(mapping, key)?.value;
}
/** A boolean as BuildStream's ScalarNode.as_bool reads it; without a fallback the key is required. */
function readBool(mapping, key, what, fallback) {
    const value = mapping.get(key);
    if (value === undefined) {
        if (fallback === undefined)
            throw missing(mapping, key, what);
        return fallback;
    }
    const parsed = value.kind === 'scalar' ? booleanValue(value.value) : undefined;
    if (parsed !== undefined)
        return parsed;
    throw new CairnError('invalid-data', `'${key}' must be a boolean, not ${describe(value)}`, value.at, 'write True, true or 1, or False, false or 0');
}
function sequence(mapping, key) {
    const value = mapping.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'sequence') {
        throw new CairnError('invalid-data', `'${key}' must be a list, not ${describe(value)}`, value.at);
    }
    return value;
}
/** A list of strings; without a fallback the key is required. */
function readStringList(mapping, key, what, fallback) {
    const list = sequence(mapping, key);
    if (list === undefined) {
        if (fallback === undefined)
            throw missing(mapping, key, what);
        return [...fallback];
    }
    return list.items.map((item) => {
        if (item.kind !== 'scalar') {
            throw new CairnError('invalid-data', `'${key}' must be a list of strings, but an item is ${describe(item)}`, item.at);
        }
        return item.value;
    });
}
/** A mapping, or undefined when the key is absent. */
function readOptionalMapping(mapping, key) {
    const value = mapping.get(key);
    if (value === undefined)
        return undefined;
    if (value.kind !== 'mapping') {
        throw new CairnError('invalid-data', `'${key}' must be a mapping, not ${describe(value)}`, value.at);
    }
    return value;
}
/** One of a fixed set of words; absent means `fallback`. */
function readChoice(mapping, key, choices, fallback) {
    const value = scalar(mapping, key);
    if (value === undefined)
        return fallback;
    const found = choices.find((choice) => choice === value.value);
    if (found === undefined) {
        throw new CairnError('invalid-data', `'${key}' must be one of ${choices.join(', ')}, not '${value.value}'`, value.at);
    }
    return found;
}

;// CONCATENATED MODULE: ./plugins/elements/dependency-rules.ts
// The dependency and source shape rules element kinds declare (BuildStream's BST_FORBID_RDEPENDS,
// BST_FORBID_BDEPENDS, BST_FORBID_SOURCES), checked in BuildStream's order. Each rule throws a
// CairnError at the first offending dependency, or at the element when sources are at fault.

const dependency_rules_isBuild = (dep) => dep.type !== 'runtime';
const isRuntime = (dep) => dep.type !== 'build';
function checkShape(element, rules) {
    const { kind } = element;
    if (rules.forbidRuntimeDependencies && rules.forbidBuildDependencies) {
        const first = element.dependencies[0];
        if (first !== undefined) {
            throw new CairnError('invalid-data', `${kind} element '${element.name}' may not have dependencies, but depends on '${first.name}'`, first.at, `remove the dependency; ${kind} elements take none`);
        }
    }
    if (rules.forbidRuntimeDependencies) {
        const runtime = element.dependencies.find(isRuntime);
        if (runtime !== undefined) {
            throw new CairnError('invalid-data', `${kind} element '${element.name}' may not have runtime dependencies, but '${runtime.name}' is one`, runtime.at, 'list it under build-depends (a plain depends entry is both build and runtime)');
        }
    }
    if (rules.forbidBuildDependencies) {
        const build = element.dependencies.find(dependency_rules_isBuild);
        if (build !== undefined) {
            throw new CairnError('invalid-data', `${kind} element '${element.name}' may not have build dependencies, but '${build.name}' is one`, build.at);
        }
    }
    if (rules.forbidSources && element.sourceCount > 0) {
        throw new CairnError('invalid-data', `${kind} element '${element.name}' may not have sources`, element.at, `remove its sources: list; ${kind} elements ignore sources`);
    }
}

;// CONCATENATED MODULE: ./plugins/elements/python-order.ts
// Python's ordering of strings, for the parts of unique keys BuildStream builds with sorted():
// by code point, which differs from JavaScript's UTF-16 order for characters above U+FFFF.
function python_order_compareCodePoints(a, b) {
    const left = a[Symbol.iterator]();
    const right = b[Symbol.iterator]();
    for (;;) {
        const x = left.next();
        const y = right.next();
        if (x.done)
            return y.done ? 0 : -1;
        if (y.done)
            return 1;
        const cx = x.value.codePointAt(0);
        const cy = y.value.codePointAt(0);
        if (cx !== cy)
            return cx < cy ? -1 : 1;
    }
}
function sortedLikePython(values) {
    return [...values].sort(python_order_compareCodePoints);
}

;// CONCATENATED MODULE: ./plugins/elements/staging-layout.ts
// Where each build dependency is staged, read from the dependencies' `config:` the way
// BuildStream's BuildElement and ScriptElement do in configure_dependencies(), and the layout
// entries those kinds put in their unique keys. It never decides whether the entries appear.



/** The name BuildStream records for a dependency in these keys: the junction path and name as declared. */
function declaredPath(dep) {
    return dep.path;
}
function append(map, key, value) {
    const list = map.get(key);
    if (list)
        list.push(value);
    else
        map.set(key, [value]);
}
/**
 * Every build dependency is staged at `/` unless a `config:` says `location:`; a dependency
 * declared with several configs is added once per config, as BuildStream does.
 */
function readStagingPlan(element, allowedKeys) {
    const layout = new Map();
    const digestEnvironment = new Map();
    for (const dep of element.dependencies) {
        if (!dependency_rules_isBuild(dep))
            continue;
        const path = declaredPath(dep);
        // BuildStream drops an empty `config:` when it reads the declaration.
        const configs = dep.configs.filter((config) => config.entries.size > 0);
        if (configs.length === 0) {
            append(layout, '/', path);
            continue;
        }
        for (const config of configs) {
            const what = `the config of dependency '${dep.name}'`;
            checkKeys(config, allowedKeys, what);
            append(layout, readString(config, 'location', what, '/'), path);
            if (allowedKeys.includes('digest-environment')) {
                const variable = readOptionalString(config, 'digest-environment');
                if (variable !== undefined)
                    append(digestEnvironment, variable, path);
            }
        }
    }
    return { layout, digestEnvironment };
}
/** `{location: [paths]}` with locations in Python's sorted order. */
function sortedGroups(groups) {
    return Object.fromEntries(sortedLikePython([...groups.keys()]).map((key) => [key, [...groups.get(key)]]));
}
/** Stages every build dependency at the location its configuration gives (`/` by default). */
function stageByLayout(element, build, plan) {
    // Location by location in sorted order, as BuildStream does: it decides which file wins an overlap.
    for (const location of sortedLikePython([...plan.layout.keys()])) {
        const wanted = new Set(plan.layout.get(location));
        const dependencies = element.dependencies.filter((dep) => dependency_rules_isBuild(dep) && wanted.has(declaredPath(dep)));
        build.stageDependencies(dependencies, location || '/');
    }
}

;// CONCATENATED MODULE: ./plugins/elements/build-element.ts
// What every build element kind shares (BuildStream's BuildElement): four command lists run in
// order, dependencies staged by `location`, and one unique key shape. Kinds differ only in their
// defaults YAML, so a kind module is one call to buildElementPlugin().




const COMMAND_STEPS = ['configure-commands', 'build-commands', 'install-commands', 'strip-commands'];
const DEPENDENCY_CONFIG_KEYS = ['digest-environment', 'location'];
/** The commands of each step, already variable-expanded; a step the config omits has none. */
function readCommands(element) {
    const what = `${element.kind} config`;
    checkKeys(element.config, COMMAND_STEPS, what);
    const commands = {};
    for (const step of COMMAND_STEPS)
        commands[step] = readStringList(element.config, step, what, []);
    return commands;
}
function uniqueKey(element) {
    const key = { ...readCommands(element) };
    // Both variables count when non-empty, whatever they say: even `notparallel: false` sets the flag.
    const commandSubdir = element.variables.get('command-subdir');
    if (commandSubdir)
        key['command-subdir'] = commandSubdir;
    if (element.variables.get('notparallel'))
        key['notparallel'] = true;
    const plan = readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
    // An empty location is falsy in BuildStream's test, so like `/` it adds no layout entry.
    if ([...plan.layout.keys()].some((location) => location !== '' && location !== '/')) {
        key['layout'] = sortedGroups(plan.layout);
    }
    if (plan.digestEnvironment.size > 0) {
        // BuildStream spells this key so; it is part of every such cache key and must stay as it is.
        key['digest-enviornment'] = sortedGroups(plan.digestEnvironment);
    }
    return key;
}
/** Each command with where it was written, labelled by its step and position. */
function commandList(element) {
    const out = [];
    for (const step of COMMAND_STEPS) {
        const node = element.config.get(step);
        if (!node || node.kind !== 'sequence')
            continue;
        node.items.forEach((item, i) => {
            if (item.kind === 'scalar')
                out.push({ label: `${step}[${i}]`, command: item.value, at: item.at });
        });
    }
    return out;
}
/** BuildStream's BuildElement: stage, integrate, stage sources, run the four steps, keep the install root. */
async function assemble(element, build) {
    const buildRoot = element.variables.get('build-root');
    const installRoot = element.variables.get('install-root');
    if (!buildRoot || !installRoot) {
        throw new CairnError('invalid-data', `element '${element.name}' needs the variables build-root and install-root`, element.at);
    }
    stageByLayout(element, build, readStagingPlan(element, DEPENDENCY_CONFIG_KEYS));
    await build.integrate();
    await build.stageSources(buildRoot);
    const subdir = element.variables.get('command-subdir');
    const cwd = subdir ? `${buildRoot}/${subdir}` : buildRoot;
    const plan = readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
    // digest-environment: a variable naming the tree of a subsandbox holding those dependencies.
    const environment = {};
    for (const [variable, paths] of plan.digestEnvironment) {
        const wanted = new Set(paths);
        const tree = build.dependenciesTree(element.dependencies.filter((dep) => wanted.has(dep.path)));
        environment[variable] = `${tree.hash}/${tree.sizeBytes}`;
    }
    await build.run(commandList(element), { cwd, rootReadOnly: true, environment });
    return { files: await build.collect(installRoot) };
}
function buildElementPlugin(kind, defaults) {
    return {
        kind,
        defaults,
        defaultsFile: `plugins/elements/${kind}.yaml`,
        configKeys: COMMAND_STEPS,
        artifactVersion: 0,
        strictRebuild: false,
        runsCommands: () => true,
        acceptsDependencyConfig: true,
        validate(element) {
            readCommands(element);
            readStagingPlan(element, DEPENDENCY_CONFIG_KEYS);
        },
        uniqueKey,
        assemble,
    };
}

;// CONCATENATED MODULE: ./plugins/elements/autotools.ts
// The autotools element: a build element for configure scripts, generating them when missing.

// Values as buildstream-plugins 2.x autotools.yaml: they enter cache keys. \${file} is left for
// the shell, and the backslashes are line continuations inside conf-args.
const AUTOTOOLS_DEFAULTS = `# autotools: autogen if needed, configure, make, make install.
variables:

  # Generate configure unless conf-cmd is already executable.
  autogen: |
    export NOCONFIGURE=1;

    if [ -x %{conf-cmd} ]; then true;
    elif [ -x %{conf-root}/autogen ]; then %{conf-root}/autogen;
    elif [ -x %{conf-root}/autogen.sh ]; then %{conf-root}/autogen.sh;
    elif [ -x %{conf-root}/bootstrap ]; then %{conf-root}/bootstrap;
    elif [ -x %{conf-root}/bootstrap.sh ]; then %{conf-root}/bootstrap.sh;
    else autoreconf -ivf %{conf-root};
    fi

  # Extra arguments to configure for the whole project, and for one element.
  conf-global: ''
  conf-local: ''

  conf-cmd: "%{conf-root}/configure"

  conf-args: |

    --prefix=%{prefix} \\
    --exec-prefix=%{exec_prefix} \\
    --bindir=%{bindir} \\
    --sbindir=%{sbindir} \\
    --sysconfdir=%{sysconfdir} \\
    --datadir=%{datadir} \\
    --includedir=%{includedir} \\
    --libdir=%{libdir} \\
    --libexecdir=%{libexecdir} \\
    --localstatedir=%{localstatedir} \\
    --sharedstatedir=%{sharedstatedir} \\
    --mandir=%{mandir} \\
    --infodir=%{infodir} %{conf-global} %{conf-local}

  configure: |

    %{conf-cmd} %{conf-args}

  make-args: ""
  make-install-args: >-
    %{make-args}
    DESTDIR="%{install-root}"
    install
  make: make %{make-args}
  make-install: make -j1 %{make-install-args}

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

  # "true" removes installed libtool archives (.la) of modules loaded with lt_dlopen(),
  # or of libraries; each must be "true" or "false".
  remove-libtool-modules: "false"
  remove-libtool-libraries: "false"

  delete-libtool-archives: |
    if %{remove-libtool-modules} || %{remove-libtool-libraries}; then
      find "%{install-root}" -name "*.la" -print0 | while read -d '' -r file; do
        if grep '^shouldnotlink=yes$' "\${file}" &>/dev/null; then
          if %{remove-libtool-modules}; then
            echo "Removing \${file}."
            rm "\${file}"
          else
            echo "Not removing \${file}."
          fi
        else
          if %{remove-libtool-libraries}; then
            echo "Removing \${file}."
            rm "\${file}"
          else
            echo "Not removing \${file}."
          fi
        fi
      done
    fi

config:
  configure-commands:
  - |
    %{autogen}
  - |
    %{configure}

  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}
  - |
    %{delete-libtool-archives}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel, verbose builds; neither setting changes what is built, so neither enters the key.
environment:
  MAKEFLAGS: -j%{max-jobs}
  V: 1

environment-nocache:
- MAKEFLAGS
- V
`;
const autotoolsPlugin = buildElementPlugin('autotools', AUTOTOOLS_DEFAULTS);

;// CONCATENATED MODULE: ./plugins/elements/cmake.ts
// The cmake element: a build element that configures with CMake (Ninja by default) out of tree.

// Values as buildstream-plugins 2.x cmake.yaml: they enter cache keys. \${JOBS} is left for the
// shell, and the backslashes are line continuations inside cmake-args.
const CMAKE_DEFAULTS = `# cmake: configure into build-dir, then build and install with cmake --build.
variables:
  build-dir: _builddir

  # Extra arguments to cmake for the whole project, and for one element.
  cmake-global: ''
  cmake-local: ''

  generator: Ninja

  cmake-args: |

    -DCMAKE_VERBOSE_MAKEFILE=ON \\
    -DCMAKE_INSTALL_PREFIX:PATH="%{prefix}" \\
    -DCMAKE_INSTALL_LIBDIR:PATH="%{lib}" %{cmake-global} %{cmake-local}

  cmake: |

    cmake -B%{build-dir} -H"%{conf-root}" -G"%{generator}" %{cmake-args}

  make: cmake --build %{build-dir} -- \${JOBS}
  make-install: env DESTDIR="%{install-root}" cmake --build %{build-dir} --target install

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  configure-commands:
  - |
    %{cmake}

  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel builds; the job count does not change what is built, so it does not enter the key.
environment:
  JOBS: -j%{max-jobs}

environment-nocache:
- JOBS
`;
const cmakePlugin = buildElementPlugin('cmake', CMAKE_DEFAULTS);

;// CONCATENATED MODULE: ./plugins/elements/compose.ts
// The compose element: its artifact is its build dependencies staged together, optionally
// integrated, then filtered by split domains. It may not have runtime dependencies or sources.



// Values as BuildStream 2's compose.yaml: they enter cache keys.
const COMPOSE_DEFAULTS = `# compose: run the dependencies' integration commands, and keep every domain and the orphans.
config:
  # Run the integration commands of the staged dependencies.
  integrate: True

  # Split domains to keep; empty keeps them all. Domains an artifact lacks are ignored.
  include: []

  # Split domains to drop; a file in both an included and an excluded domain is dropped.
  exclude: []

  # Keep files that no split rule claims.
  include-orphans: True
`;
const CONFIG_KEYS = ['integrate', 'include', 'exclude', 'include-orphans'];
function readConfig(element) {
    const { config } = element;
    checkKeys(config, CONFIG_KEYS, 'compose config');
    return {
        integrate: readBool(config, 'integrate', 'compose config'),
        include: readStringList(config, 'include', 'compose config'),
        exclude: readStringList(config, 'exclude', 'compose config'),
        includeOrphans: readBool(config, 'include-orphans', 'compose config'),
    };
}
const composePlugin = {
    kind: 'compose',
    defaults: COMPOSE_DEFAULTS,
    defaultsFile: 'plugins/elements/compose.yaml',
    configKeys: CONFIG_KEYS,
    artifactVersion: 0,
    strictRebuild: true,
    // Integration commands run in the sandbox; without them compose runs nothing.
    runsCommands: (element) => readConfig(element).integrate,
    acceptsDependencyConfig: false,
    validate(element) {
        readConfig(element);
        checkShape(element, { forbidRuntimeDependencies: true, forbidSources: true });
    },
    uniqueKey(element) {
        const config = readConfig(element);
        const key = {
            integrate: config.integrate,
            include: sortedLikePython(config.include),
            orphans: config.includeOrphans,
        };
        if (config.exclude.length > 0)
            key['exclude'] = sortedLikePython(config.exclude);
        return key;
    },
    async assemble(element, build) {
        const config = readConfig(element);
        build.stageDependencies(element.dependencies.filter(dependency_rules_isBuild), '/');
        const split = config.include.length > 0 || config.exclude.length > 0 || !config.includeOrphans;
        const manifest = split ? build.manifest('staged', { include: config.include, exclude: config.exclude, includeOrphans: config.includeOrphans }) : undefined;
        if (!config.integrate)
            return { files: await build.stagedTree(manifest ? (p) => manifest.has(p) : () => true) };
        const before = manifest ? await build.stagedPaths() : undefined;
        await build.integrate({ inPlace: true });
        if (!manifest || !before)
            return { files: await build.stagedTree(() => true) };
        // What integration adds is kept whatever the split says; what it removes is gone.
        const after = await build.stagedPaths();
        const keep = (p) => (manifest.has(p) && after.has(p)) || (after.has(p) && !before.has(p));
        return { files: await build.stagedTree(keep) };
    },
};

;// CONCATENATED MODULE: ./plugins/elements/filter.ts
// The filter element: its artifact is part of its one build dependency's artifact, chosen by
// split domains. It runs nothing and has no sources; its key follows its parent's (strict rebuild).




// Values as BuildStream 2's filter.yaml: they enter cache keys.
const FILTER_DEFAULTS = `# filter: keep every domain of the parent's artifact, but not its orphans.
config:
  # Split domains of the parent to keep; empty keeps them all. Unknown domains fail the build.
  include: []

  # Split domains of the parent to drop; a file in both an included and an excluded domain is dropped.
  exclude: []

  # Keep files that no split rule of the parent claims.
  include-orphans: False

  # Pass the parent's integration-commands on, before the filter's own.
  pass-integration: False
`;
const filter_CONFIG_KEYS = ['include', 'exclude', 'include-orphans', 'pass-integration'];
function filter_readConfig(element) {
    const { config } = element;
    checkKeys(config, filter_CONFIG_KEYS, 'filter config');
    const include = readStringList(config, 'include', 'filter config');
    const exclude = readStringList(config, 'exclude', 'filter config');
    const includeOrphans = readBool(config, 'include-orphans', 'filter config');
    const passIntegration = readBool(config, 'pass-integration', 'filter config', false);
    return { include, exclude, includeOrphans, passIntegration };
}
const filterPlugin = {
    kind: 'filter',
    defaults: FILTER_DEFAULTS,
    defaultsFile: 'plugins/elements/filter.yaml',
    configKeys: filter_CONFIG_KEYS,
    artifactVersion: 1,
    strictRebuild: true,
    runsCommands: () => false,
    acceptsDependencyConfig: false,
    validate(element) {
        filter_readConfig(element);
        checkShape(element, { forbidSources: true });
        const builds = element.dependencies.filter(dependency_rules_isBuild);
        const [parent] = builds;
        if (parent === undefined || builds.length > 1) {
            throw new CairnError('invalid-data', `filter element '${element.name}' must have exactly one build dependency, but has ${builds.length}` +
                (builds.length > 1 ? ` (${builds.map((dep) => `'${dep.name}'`).join(', ')})` : ''), element.at, 'list the element to filter, and only it, under build-depends');
        }
        if (isRuntime(parent)) {
            throw new CairnError('invalid-data', `the build dependency of filter element '${element.name}', '${parent.name}', must not also be a runtime dependency`, parent.at, 'list it under build-depends rather than depends');
        }
    },
    uniqueKey(element) {
        const config = filter_readConfig(element);
        return {
            include: sortedLikePython(config.include),
            exclude: sortedLikePython(config.exclude),
            orphans: config.includeOrphans,
        };
    },
    async assemble(element, build) {
        const config = filter_readConfig(element);
        const parent = element.dependencies.find(dependency_rules_isBuild);
        const unknown = [];
        const manifest = build.manifest(parent, config, (domain) => unknown.push(domain));
        if (unknown.length > 0) {
            // Every unknown domain at once, pointing at the list that holds the first of them.
            const list = config.include.includes(unknown[0]) ? 'include' : 'exclude';
            const names = unknown.map((domain) => `'${domain}'`).join(', ');
            throw new CairnError('invalid-data', `filter element '${element.name}' names split domains that '${parent.name}' does not define: ${names}`, element.config.get(list)?.at ?? element.at, 'use domains from its split-rules');
        }
        const files = await build.dependencyTree(parent, (p) => manifest.has(p));
        if (!config.passIntegration)
            return { files };
        return { files, integrationCommands: build.dependencyPublicList(parent, 'integration-commands') };
    },
};

;// CONCATENATED MODULE: ./plugins/elements/import.ts
// The import element: its artifact is its sources, optionally a subdirectory of them placed
// under a target directory. It runs no commands and must have a source.


// Values as BuildStream 2's import.yaml: they enter cache keys.
const IMPORT_DEFAULTS = `# import: take everything the sources stage (source) and put it at the artifact's root (target).
config:
  source: /
  target: /
`;
const import_CONFIG_KEYS = ['source', 'target'];
function import_readConfig(element) {
    checkKeys(element.config, import_CONFIG_KEYS, 'import config');
    return {
        source: readString(element.config, 'source', 'import config'),
        target: readString(element.config, 'target', 'import config'),
    };
}
const importPlugin = {
    kind: 'import',
    defaults: IMPORT_DEFAULTS,
    defaultsFile: 'plugins/elements/import.yaml',
    configKeys: import_CONFIG_KEYS,
    artifactVersion: 0,
    strictRebuild: false,
    runsCommands: () => false,
    acceptsDependencyConfig: false,
    validate(element) {
        import_readConfig(element);
        if (element.sourceCount === 0) {
            throw new CairnError('invalid-data', `import element '${element.name}' has no sources`, element.at, 'an import element imports its sources; add a sources: list');
        }
    },
    uniqueKey(element) {
        const { source, target } = import_readConfig(element);
        return { source, target };
    },
    async assemble(element, build) {
        const { source, target } = import_readConfig(element);
        const sources = await build.sourceTree();
        const picked = build.subtree(sources, source);
        const at = element.config.get('source')?.at ?? element.at;
        if (!picked)
            throw new CairnError('invalid-data', `import element '${element.name}': its sources have no directory '${source}'`, at);
        // BuildStream refuses to import nothing: an empty artifact is almost always a wrong source:.
        if (picked.hash === build.emptyTree().hash)
            throw new CairnError('invalid-data', `import element '${element.name}': its sources have no files in '${source}'`, at);
        return { files: build.placeTree(picked, target) };
    },
};

;// CONCATENATED MODULE: ./plugins/elements/junction.ts
// The junction element: a subproject, staged from its sources. Cairn's loader reads the
// configuration to open the subproject; this module only checks it. Junctions are never built.



// BuildStream ships no junction.yaml: every key is optional.
const JUNCTION_DEFAULTS = `# junction: path, options, overrides, aliases and map-aliases are all optional.
`;
const junction_CONFIG_KEYS = ['path', 'options', 'overrides', 'aliases', 'map-aliases'];
const MAP_ALIASES = ['none', 'identity'];
const junctionPlugin = {
    kind: 'junction',
    defaults: JUNCTION_DEFAULTS,
    defaultsFile: 'plugins/elements/junction.yaml',
    configKeys: junction_CONFIG_KEYS,
    artifactVersion: 0,
    strictRebuild: false,
    runsCommands: () => false,
    acceptsDependencyConfig: false,
    validate(element) {
        const { config } = element;
        checkKeys(config, junction_CONFIG_KEYS, 'junction config');
        readString(config, 'path', 'junction config', '');
        readOptionalMapping(config, 'options');
        const overrides = readOptionalMapping(config, 'overrides');
        for (const [key, value] of overrides?.entries ?? []) {
            if (value.kind !== 'scalar') {
                throw new CairnError('invalid-data', `the override of '${key}' must be a junction name`, value.at);
            }
            if (value.value === element.name) {
                throw new CairnError('invalid-data', `junction '${element.name}' cannot override its subproject's junction '${key}' with itself`, value.at, 'name a different junction, declared in this project');
            }
        }
        readOptionalMapping(config, 'aliases');
        readChoice(config, 'map-aliases', MAP_ALIASES, 'none');
        checkShape(element, { forbidRuntimeDependencies: true, forbidBuildDependencies: true });
    },
    // Junctions produce no artifact; BuildStream keeps a constant key for fetching their sources.
    uniqueKey: () => 1,
};

;// CONCATENATED MODULE: ./plugins/elements/link.ts
// The link element: another name for an element or junction, resolved away while loading. It
// has a target and nothing else: no dependencies, no sources.




// BuildStream ships no link.yaml: the target has no default.
const LINK_DEFAULTS = `# link: config.target names the element or junction linked to; it has no default.
`;
const link_CONFIG_KEYS = ['target'];
const linkPlugin = {
    kind: 'link',
    defaults: LINK_DEFAULTS,
    defaultsFile: 'plugins/elements/link.yaml',
    configKeys: link_CONFIG_KEYS,
    artifactVersion: 0,
    strictRebuild: false,
    runsCommands: () => false,
    acceptsDependencyConfig: false,
    validate(element) {
        const { config } = element;
        checkKeys(config, link_CONFIG_KEYS, 'link config');
        if (!config.has('target')) {
            // With no config: at all there is no mapping in the file to point at, only the element.
            throw new CairnError('invalid-data', `link element '${element.name}' has no target`, config.at.file === SYNTHETIC.file ? element.at : config.at, 'add config: {target: <element or junction>}');
        }
        readString(config, 'target', 'link config');
        checkShape(element, { forbidRuntimeDependencies: true, forbidBuildDependencies: true, forbidSources: true });
    },
    // BuildStream discards links while loading; the key is a constant it never uses.
    uniqueKey: () => 1,
};

;// CONCATENATED MODULE: ./plugins/elements/make.ts
// The make element: a build element for projects with a plain Makefile and no configure step.

// Values as buildstream-plugins 2.x make.yaml: they enter cache keys.
const MAKE_DEFAULTS = `# make: build and install with make; the Makefile's PREFIX is the project prefix.
variables:
  make-args: >-
    PREFIX="%{prefix}"
  make-install-args: >-
    %{make-args}
    DESTDIR="%{install-root}"
    install
  make: make %{make-args}
  make-install: make -j1 %{make-install-args}

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  build-commands:
  - |
    %{make}

  install-commands:
  - |
    %{make-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel, verbose builds; neither setting changes what is built, so neither enters the key.
environment:
  MAKEFLAGS: -j%{max-jobs}
  V: 1

environment-nocache:
- MAKEFLAGS
- V
`;
const makePlugin = buildElementPlugin('make', MAKE_DEFAULTS);

;// CONCATENATED MODULE: ./plugins/elements/manual.ts
// The manual element: a build element whose commands the element itself supplies.

// Values as BuildStream 2's manual.yaml: they enter cache keys.
const MANUAL_DEFAULTS = `# manual: no commands of its own, except stripping with the project's strip-binaries.
config:
  configure-commands: []
  build-commands: []
  install-commands: []
  strip-commands:
  - |
    %{strip-binaries}
`;
const manualPlugin = buildElementPlugin('manual', MANUAL_DEFAULTS);

;// CONCATENATED MODULE: ./plugins/elements/meson.ts
// The meson element: a build element that sets up a Meson build directory and builds with ninja.

// Values as buildstream-plugins 2.x meson.yaml: they enter cache keys. \${JOBS} is left for the
// shell, and the backslashes are line continuations inside meson-args.
const MESON_DEFAULTS = `# meson: meson setup into build-dir, ninja to build, meson install to install.
variables:
  build-dir: _builddir

  # Extra arguments to meson for the whole project, and for one element.
  meson-global: ''
  meson-local: ''

  meson-args: |

    --prefix=%{prefix} \\
    --bindir=%{bindir} \\
    --sbindir=%{sbindir} \\
    --sysconfdir=%{sysconfdir} \\
    --datadir=%{datadir} \\
    --includedir=%{includedir} \\
    --libdir=%{libdir} \\
    --libexecdir=%{libexecdir} \\
    --localstatedir=%{localstatedir} \\
    --sharedstatedir=%{sharedstatedir} \\
    --mandir=%{mandir} \\
    --infodir=%{infodir} %{meson-global} %{meson-local}

  meson: meson setup %{conf-root} %{build-dir} %{meson-args}

  meson-build: |
    ninja -v -j \${JOBS} -C %{build-dir}

  meson-install: |
    env DESTDIR="%{install-root}" meson install -C %{build-dir} --no-rebuild

  # Define notparallel (any non-empty value) when the sources cannot build in parallel.

config:
  configure-commands:
  - |
    %{meson}

  build-commands:
  - |
    %{meson-build}

  install-commands:
  - |
    %{meson-install}

  strip-commands:
  - |
    %{strip-binaries}

# Parallel builds; the job count does not change what is built, so it does not enter the key.
environment:
  JOBS: |
    %{max-jobs}

environment-nocache:
- JOBS
`;
const mesonPlugin = buildElementPlugin('meson', MESON_DEFAULTS);

;// CONCATENATED MODULE: ./plugins/elements/script.ts
// The script element: stages its build dependencies (each at its `location`), runs commands and
// collects %{install-root}. It may not have runtime dependencies or sources.




// Values as BuildStream 2's script.yaml: they enter cache keys. A dependency's
// config: {location: ...} stages it elsewhere than /.
const SCRIPT_DEFAULTS = `# script: run commands from cwd with a writable root, staging dependencies at /.
variables:
  # Where the commands run.
  cwd: /

config:
  # Mount / read-only while the commands run (recommended where the commands allow it).
  root-read-only: False

  # The commands to run, each with sh -c -e.
  commands: []
`;
const script_CONFIG_KEYS = ['commands', 'root-read-only'];
const script_DEPENDENCY_CONFIG_KEYS = ['location'];
function script_readConfig(element) {
    const { config } = element;
    checkKeys(config, script_CONFIG_KEYS, 'script config');
    return {
        commands: readStringList(config, 'commands', 'script config'),
        rootReadOnly: readBool(config, 'root-read-only', 'script config', false),
    };
}
const scriptPlugin = {
    kind: 'script',
    defaults: SCRIPT_DEFAULTS,
    defaultsFile: 'plugins/elements/script.yaml',
    configKeys: script_CONFIG_KEYS,
    artifactVersion: 0,
    strictRebuild: true,
    runsCommands: () => true,
    acceptsDependencyConfig: true,
    validate(element) {
        script_readConfig(element);
        readStagingPlan(element, script_DEPENDENCY_CONFIG_KEYS);
        checkShape(element, { forbidRuntimeDependencies: true, forbidSources: true });
    },
    uniqueKey(element) {
        const config = script_readConfig(element);
        const plan = readStagingPlan(element, script_DEPENDENCY_CONFIG_KEYS);
        return {
            // One command group, named as BuildStream's script element names it.
            commands: { commands: config.commands },
            // Empty or undefined variables fall back to /, as in BuildStream.
            cwd: element.variables.get('cwd') || '/',
            'install-root': element.variables.get('install-root') || '/',
            // Unlike build elements, script always records its layout, even when everything is at /.
            layout: sortedGroups(plan.layout),
            'root-read-only': config.rootReadOnly,
        };
    },
    async assemble(element, build) {
        const config = script_readConfig(element);
        const installRoot = element.variables.get('install-root');
        if (!installRoot)
            throw new CairnError('invalid-data', `script element '${element.name}' needs the variable install-root`, element.at);
        stageByLayout(element, build, readStagingPlan(element, script_DEPENDENCY_CONFIG_KEYS));
        await build.integrate();
        const node = element.config.get('commands');
        const commands = node?.kind === 'sequence'
            ? node.items.flatMap((item, i) => (item.kind === 'scalar' ? [{ label: `commands[${i}]`, command: item.value, at: item.at }] : []))
            : [];
        // Only the install root is writable, as BuildStream's script element marks it alone.
        await build.run(commands, { cwd: element.variables.get('cwd') || '/', rootReadOnly: config.rootReadOnly, writable: [installRoot] });
        return { files: await build.collect(installRoot) };
    },
};

;// CONCATENATED MODULE: ./plugins/elements/stack.ts
// The stack element: a named group of dependencies. Its artifact is empty, it runs nothing, and
// every dependency must be both build and runtime so that its key stands for the whole group.


// BuildStream ships no stack.yaml; a stack has no configuration.
const STACK_DEFAULTS = `# stack: no configuration.
`;
const stackPlugin = {
    kind: 'stack',
    defaults: STACK_DEFAULTS,
    defaultsFile: 'plugins/elements/stack.yaml',
    // BuildStream's stack reads nothing from config: and never checks its keys.
    // BuildStream never checks a stack's config.
    configKeys: 'any',
    artifactVersion: 0,
    strictRebuild: false,
    runsCommands: () => false,
    acceptsDependencyConfig: false,
    validate(element) {
        checkShape(element, { forbidSources: true });
        const partial = element.dependencies.find((dep) => dep.type !== 'all');
        if (partial !== undefined) {
            throw new CairnError('invalid-data', `every dependency of stack element '${element.name}' must be both a build and a runtime dependency, but '${partial.name}' is only a ${partial.type} dependency`, partial.at, 'list it under depends, without a type');
        }
    },
    uniqueKey: () => 1,
    // A stack's artifact is empty: it only gathers its dependencies.
    assemble: async (_element, build) => ({ files: build.emptyTree() }),
};

;// CONCATENATED MODULE: ./plugins/elements/index.ts
// The element kinds Cairn knows without any project plugin: BuildStream 2's core kinds and the
// build element kinds of buildstream-plugins. Nothing else is registered here.












const plugins = [
    importPlugin,
    stackPlugin,
    composePlugin,
    scriptPlugin,
    filterPlugin,
    linkPlugin,
    junctionPlugin,
    manualPlugin,
    autotoolsPlugin,
    cmakePlugin,
    makePlugin,
    mesonPlugin,
];
const builtinElementPlugins = new Map(plugins.map((plugin) => [plugin.kind, plugin]));

;// CONCATENATED MODULE: ./plugins/sources/common.ts
// What several source kinds share: reading their typed configuration with provenance errors.


function requireKey(source, key) {
    const value = getString(source.config, key);
    if (value === undefined) {
        throw new CairnError('invalid-data', `a ${source.kind} source needs '${key}'`, source.at);
    }
    return value;
}
/** BuildStream's downloadable files: url and ref, plus version or version-guess-pattern in the key. */
function downloadKey(source) {
    const key = [requireKey(source, 'url'), getString(source.config, 'ref') ?? null];
    const version = getString(source.config, 'version');
    const pattern = getString(source.config, 'version-guess-pattern');
    if (version !== undefined)
        key.push(version);
    else if (pattern !== undefined)
        key.push(pattern);
    return key;
}
const DOWNLOAD_KEYS = ['url', 'ref', 'version', 'version-guess-pattern'];

;// CONCATENATED MODULE: ./plugins/sources/git.ts
// `git` (buildstream-plugins): a repository pinned by commit, or by a `tag-N-gSHA` describe ref.



/** The commit of a ref written as `git describe` output (`v1.0-3-gdeadbee`), or the ref itself. */
function commitOf(ref) {
    const cut = ref.lastIndexOf('-g');
    return cut >= 0 ? ref.slice(cut + 2) : ref;
}
const git = {
    kind: 'git',
    configKeys: ['url', 'track', 'ref', 'ref-format', 'checkout-submodules', 'submodules', 'track-tags', 'tags', 'version', 'version-guess-pattern'],
    needsFetch: true,
    validate(source) {
        requireKey(source, 'url');
        if (getString(source.config, 'ref') === undefined && getString(source.config, 'track') === undefined) {
            throw new CairnError('invalid-data', "a git source needs 'ref', 'track' or both", source.at);
        }
        getBool(source.config, 'checkout-submodules', true);
        getBool(source.config, 'track-tags', false);
        const format = getString(source.config, 'ref-format');
        if (format !== undefined && format !== 'sha1' && format !== 'git-describe') {
            throw new CairnError('invalid-data', `ref-format '${format}' is not 'sha1' or 'git-describe'`, source.config.get('ref-format').at);
        }
    },
    isResolved: (source) => getString(source.config, 'ref') !== undefined,
    uniqueKey(source) {
        const key = [requireKey(source, 'url'), commitOf(getString(source.config, 'ref') ?? '')];
        const tags = getSequence(source.config, 'tags');
        if (tags && tags.items.length > 0) {
            const table = {};
            for (const item of tags.items) {
                if (item.kind !== 'mapping')
                    continue;
                table[getString(item, 'tag') ?? ''] = [getString(item, 'commit') ?? '', getBool(item, 'annotated', false)];
            }
            key.push({ tags: table });
        }
        if (!getBool(source.config, 'checkout-submodules', true))
            key.push({ checkout_submodules: false });
        const submodules = getMapping(source.config, 'submodules');
        if (submodules && submodules.entries.size > 0) {
            const urls = {};
            const checkouts = {};
            for (const [path, node] of submodules.entries) {
                if (node.kind !== 'mapping')
                    continue;
                const url = getString(node, 'url');
                if (url !== undefined)
                    urls[path] = url;
                if (node.has('checkout'))
                    checkouts[path] = getBool(node, 'checkout', true);
            }
            if (Object.keys(urls).length > 0)
                key.push(urls);
            if (Object.keys(checkouts).length > 0)
                key.push({ submodule_checkout_overrides: checkouts });
        }
        const version = getString(source.config, 'version') ?? getString(source.config, 'version-guess-pattern');
        if (version !== undefined)
            key.push(version);
        return key;
    },
};

;// CONCATENATED MODULE: ./src/sources/staging-root.ts
// Placing entries inside a source staging directory: creating the directories on the way and
// clearing the spot for a file, symlink or hard link. It never lets a write leave the staging
// directory: a symlink on the way is followed only when it resolves inside, and the final
// component of a path is always replaced, never written through.



const DIRECTORY_MODE = 0o755;
class StagingRoot {
    real;
    escapeReason;
    constructor(
    /** The staging directory with every symlink in its own path resolved. */
    real, 
    /** The error a symlink leading outside raises: the archive's fault, or a clash between sources. */
    escapeReason) {
        this.real = real;
        this.escapeReason = escapeReason;
    }
    static async open(directory, escapeReason) {
        return new StagingRoot(await external_node_fs_default().promises.realpath(directory), escapeReason);
    }
    /** Whether a real (symlink-free) path is the staging directory or under it. */
    contains(real) {
        return real === this.real || real.startsWith(this.real + (external_node_path_default()).sep);
    }
    /** The real path of the directory `components` below the root, creating what is missing. */
    async directory(components, entry) {
        let current = this.real;
        for (const name of components)
            current = await this.subdirectory(current, name, entry);
        return current;
    }
    /**
     * The real path of directory `name` in the real directory `parent`, made if missing. A file in
     * the way is replaced (a later source overrides an earlier one); a symlink is followed only
     * when it leads to a directory inside the root, as Python's tarfile "tar" filter allows.
     */
    async subdirectory(parent, name, entry) {
        assertComponent(name);
        const candidate = external_node_path_default().join(parent, name);
        const stat = await staging_root_lstatOrUndefined(candidate);
        if (stat?.isDirectory())
            return candidate;
        if (stat?.isSymbolicLink()) {
            let real;
            try {
                real = await external_node_fs_default().promises.realpath(candidate);
            }
            catch {
                throw this.escape(candidate, entry, 'which leads nowhere');
            }
            if (!this.contains(real))
                throw this.escape(candidate, entry, 'which leads outside the staging directory');
            if ((await external_node_fs_default().promises.stat(real)).isDirectory())
                return real;
        }
        if (stat)
            await external_node_fs_default().promises.unlink(candidate);
        await external_node_fs_default().promises.mkdir(candidate, { mode: DIRECTORY_MODE });
        // mkdir's mode passes through the umask; staged trees should not depend on it.
        await external_node_fs_default().promises.chmod(candidate, DIRECTORY_MODE);
        return candidate;
    }
    /**
     * Makes `name` in the real directory `parent` free for a file, symlink or hard link and
     * returns its path. Whatever was there is removed, never followed; an empty directory may
     * go, a non-empty one is a clash.
     */
    async clear(parent, name, entry) {
        assertComponent(name);
        const target = external_node_path_default().join(parent, name);
        const stat = await staging_root_lstatOrUndefined(target);
        if (stat === undefined)
            return target;
        if (!stat.isDirectory()) {
            await external_node_fs_default().promises.unlink(target);
            return target;
        }
        try {
            await external_node_fs_default().promises.rmdir(target);
        }
        catch {
            throw new CairnError('staging-overlap', `${entry.what} would replace the non-empty directory '${this.relative(target)}'`, entry.at);
        }
        return target;
    }
    relative(real) {
        return external_node_path_default().relative(this.real, real) || '.';
    }
    escape(link, entry, how) {
        return new CairnError(this.escapeReason, `${entry.what} would be written through the symbolic link '${this.relative(link)}', ${how}`, entry.at);
    }
}
function assertComponent(name) {
    // Callers split and check paths; a separator or dot-dot here is a bug, not user input.
    if (name === '' || name === '.' || name === '..' || name.includes('/'))
        throw new Error(`staging: bad path component '${name}'`);
}
async function staging_root_lstatOrUndefined(file) {
    try {
        return await external_node_fs_default().promises.lstat(file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/sources/copy-tree.ts
// Copies a file or directory from the project into a staging directory as BuildStream's `local`
// source stages it: a directory gives its contents, a file lands under its base name, symlinks
// stay symlinks, files keep only their executable bit, sockets and other special files are
// skipped. Inside a tree it never follows a symlink, neither in the project nor in the staging
// directory.



const copy_tree_S_IXUSR = 0o100;
async function copyIntoStaging(request) {
    const root = await StagingRoot.open(request.directory, 'staging-overlap');
    const top = await external_node_fs_default().promises.lstat(request.from);
    if (top.isDirectory()) {
        await copyDirectory(request.from, root.real, '', root, request);
        return;
    }
    // As BuildStream (and the source's key): a single path is followed and imported as a file,
    // executable when the user may execute it.
    const name = external_node_path_default().basename(request.from);
    const target = await root.clear(root.real, name, { what: `local file '${name}'`, at: request.at });
    await copyFile(request.from, target, await isExecutable(request.from));
}
async function copyDirectory(from, to, relative, root, request) {
    const entries = await external_node_fs_default().promises.readdir(from, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
        request.signal.throwIfAborted();
        const source = external_node_path_default().join(from, entry.name);
        const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
        const placement = { what: `local file '${rel}'`, at: request.at };
        if (entry.isDirectory()) {
            await copyDirectory(source, await root.subdirectory(to, entry.name, placement), rel, root, request);
        }
        else if (entry.isSymbolicLink()) {
            const target = await external_node_fs_default().promises.readlink(source);
            await external_node_fs_default().promises.symlink(target, await root.clear(to, entry.name, placement));
        }
        else if (entry.isFile()) {
            const mode = (await external_node_fs_default().promises.lstat(source)).mode;
            await copyFile(source, await root.clear(to, entry.name, placement), (mode & copy_tree_S_IXUSR) !== 0);
        }
        // Sockets, FIFOs and devices have no content to stage; BuildStream's CAS import skips them.
    }
}
async function copyFile(from, to, executable) {
    // EXCL: `to` was just cleared, so anything there now (even a symlink) is a race, not a target.
    await external_node_fs_default().promises.copyFile(from, to, (external_node_fs_default()).constants.COPYFILE_EXCL);
    // Only the executable bit is content; the rest is normalised, as a CAS checkout would give.
    await external_node_fs_default().promises.chmod(to, executable ? 0o755 : 0o644);
}
async function isExecutable(file) {
    try {
        await external_node_fs_default().promises.access(file, (external_node_fs_default()).constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./plugins/sources/local.ts
// `local`: files from the project itself; always resolved and cached, keyed by the content's
// REAPI digest, staged by copying (symlinks kept, executable bits kept, never followed).






/** Validation and the key both need the digest; a source's view is hashed once. */
const digests = new WeakMap();
function digestOf(source) {
    let digest = digests.get(source);
    if (digest === undefined) {
        digest = directoryDigestSync(localPath(source)).hash;
        digests.set(source, digest);
    }
    return digest;
}
function localPath(source) {
    const scalar = scalarOf(source.config, 'path');
    if (!scalar)
        throw new CairnError('invalid-data', "a local source needs 'path'", source.at);
    return projectPath(source.projectDirectory, scalar, 'local source path', undefined);
}
const local = {
    kind: 'local',
    configKeys: ['path'],
    needsFetch: false,
    validate(source) {
        const full = localPath(source);
        const scalar = scalarOf(source.config, 'path');
        try {
            digestOf(source);
        }
        catch {
            throw new CairnError('missing-file', `local source path '${external_node_path_default().relative(source.projectDirectory, full) || '.'}' does not exist`, scalar.at);
        }
    },
    isResolved: () => true,
    uniqueKey: digestOf,
    // The files are in the project: there is never anything to fetch.
    isCached: () => true,
    async stage(source, directory, context) {
        await copyIntoStaging({ from: localPath(source), directory, at: source.at, signal: context.signal });
    },
};

;// CONCATENATED MODULE: ./plugins/sources/ostree.ts
// `ostree`: a commit of an OSTree repository, tracked from a branch.


const ostree = {
    kind: 'ostree',
    configKeys: ['url', 'ref', 'track', 'gpg-key'],
    needsFetch: true,
    validate: (source) => void requireKey(source, 'url'),
    isResolved: (source) => getString(source.config, 'ref') !== undefined,
    uniqueKey: (source) => [requireKey(source, 'url'), getString(source.config, 'ref') ?? ''],
};

;// CONCATENATED MODULE: ./plugins/sources/patch.ts
// `patch` (buildstream-plugins): a project file applied to what earlier sources staged.






function patchFile(source) {
    const scalar = scalarOf(source.config, 'path');
    if (!scalar)
        throw new CairnError('invalid-data', "a patch source needs 'path'", source.at);
    const full = projectPath(source.projectDirectory, scalar, 'patch', 'file');
    return { full, relative: external_node_path_default().relative(source.projectDirectory, full) };
}
function stripLevel(source) {
    const text = getString(source.config, 'strip-level') ?? '1';
    if (!/^\d+$/.test(text))
        throw new CairnError('invalid-data', `strip-level '${text}' is not a whole number`, source.config.get('strip-level').at);
    return Number(text);
}
const patch = {
    kind: 'patch',
    configKeys: ['path', 'strip-level'],
    needsFetch: false,
    validate(source) {
        patchFile(source);
        stripLevel(source);
    },
    isResolved: () => true,
    uniqueKey(source) {
        const { full, relative } = patchFile(source);
        const digest = external_node_crypto_default().createHash('sha256').update(external_node_fs_default().readFileSync(full)).digest('hex');
        return [relative, digest, stripLevel(source)];
    },
};

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: external "node:stream/promises"
const external_node_stream_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: external "node:timers/promises"
const external_node_timers_promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");
;// CONCATENATED MODULE: ./src/sources/download.ts
// Streams one URL (file://, http://, https://) into a file, hashing it on the way, and retries
// network failures and server errors a few times with backoff. It never holds a body in memory
// and never decides where the file lives or whether its digest is right: the download cache does.









const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
const DEFAULT_ATTEMPTS = 3;
const DEFAULT_RETRY_DELAY_MS = 1_000;
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** A failure that another attempt may not meet: a dropped connection, a timeout, a 5xx. */
class TransientFailure extends Error {
}
/**
 * Writes the body of `url` to `file` (replacing it) and returns its digest. User-visible
 * failures are CairnError('fetch-failed'); an abort rethrows the signal's reason.
 */
async function downloadToFile(url, file, options) {
    const attempts = Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS);
    const baseDelay = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
    for (let attempt = 1;; attempt++) {
        options.signal.throwIfAborted();
        try {
            return await transferOnce(url, file, options);
        }
        catch (error) {
            options.signal.throwIfAborted();
            if (error instanceof CairnError)
                throw error;
            const why = reasonOf(error);
            if (attempt >= attempts) {
                throw new CairnError('fetch-failed', `could not download ${url}: ${why}`, options.at, attempts > 1 ? `gave up after ${attempts} attempts` : undefined);
            }
            const delay = baseDelay * 2 ** (attempt - 1);
            options.log(`download of ${url} failed (${why}); retrying in ${delay} ms`);
            try {
                await (0,external_node_timers_promises_namespaceObject.setTimeout)(delay, undefined, { signal: options.signal });
            }
            catch (interrupted) {
                // Whoever aborted gets their own reason back, as from an aborted transfer.
                options.signal.throwIfAborted();
                throw interrupted;
            }
        }
    }
}
async function transferOnce(url, file, options) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        throw new CairnError('fetch-failed', `'${url}' is not a URL`, options.at, 'write a full URL or use an alias defined in project.conf');
    }
    if (parsed.protocol === 'file:')
        return copyInto(openLocalFile(parsed, url, options), file, options.signal, undefined);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
        const response = await openHttp(parsed, url, options, MAX_REDIRECTS);
        const length = response.headers['content-length'];
        const expected = length === undefined ? undefined : Number(length);
        return copyInto(response, file, options.signal, Number.isSafeInteger(expected) ? expected : undefined);
    }
    throw new CairnError('fetch-failed', `cannot download ${url}: the ${parsed.protocol.slice(0, -1)} scheme is not supported`, options.at, 'use an http, https or file URL');
}
function openLocalFile(url, written, options) {
    const path = (0,external_node_url_namespaceObject.fileURLToPath)(url);
    let stat;
    try {
        stat = external_node_fs_default().statSync(path);
    }
    catch {
        throw new CairnError('fetch-failed', `cannot download ${written}: no such file`, options.at);
    }
    if (!stat.isFile())
        throw new CairnError('fetch-failed', `cannot download ${written}: not a regular file`, options.at);
    return external_node_fs_default().createReadStream(path);
}
/** The response to GET `url` once redirects are followed; only 2xx responses come back. */
function openHttp(url, written, options, redirectsLeft) {
    const idle = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    const get = url.protocol === 'https:' ? (external_node_https_default()).get : (external_node_http_default()).get;
    return new Promise((resolve, reject) => {
        let received;
        const request = get(url, { signal: options.signal, timeout: idle, headers: { 'User-Agent': 'Cairn', Accept: '*/*' } }, (response) => {
            received = response;
            const status = response.statusCode ?? 0;
            const location = response.headers.location;
            if (REDIRECT_STATUSES.has(status) && location !== undefined) {
                response.resume();
                if (redirectsLeft === 0)
                    return reject(new CairnError('fetch-failed', `cannot download ${written}: too many redirects`, options.at));
                const next = new URL(location, url);
                // A redirect must not turn an HTTP download into a read of the local filesystem.
                if (next.protocol !== 'http:' && next.protocol !== 'https:') {
                    return reject(new CairnError('fetch-failed', `cannot download ${written}: redirected to ${next.protocol} URL`, options.at));
                }
                return openHttp(next, written, options, redirectsLeft - 1).then(resolve, reject);
            }
            if (status >= 200 && status < 300)
                return resolve(response);
            response.resume();
            const why = `HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''} from ${url.href}`;
            // Server trouble and rate limits pass; anything else (404, 403...) will not change on retry.
            if (status >= 500 || status === 408 || status === 429)
                return reject(new TransientFailure(why));
            return reject(new CairnError('fetch-failed', `cannot download ${written}: ${why}`, options.at));
        });
        // The socket timeout fires on silence, before the headers or in the middle of the body alike.
        request.on('timeout', () => {
            const failure = new TransientFailure(`no data for ${idle / 1000} s`);
            // Mid-body, the response is what the copy is reading: it must fail with the reason.
            received?.destroy(failure);
            request.destroy(failure);
        });
        request.on('error', reject);
    });
}
async function copyInto(body, file, signal, expectedBytes) {
    const hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    let bytes = 0;
    const hasher = new external_node_stream_namespaceObject.Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            bytes += chunk.length;
            callback(null, chunk);
        },
    });
    // flush: the bytes are on disk before the cache renames the file into place.
    await (0,external_node_stream_promises_namespaceObject.pipeline)(body, hasher, external_node_fs_default().createWriteStream(file, { flush: true }), { signal });
    if (expectedBytes !== undefined && bytes !== expectedBytes) {
        throw new TransientFailure(`connection closed after ${bytes} of ${expectedBytes} bytes`);
    }
    return { sha256: hash.digest('hex'), bytes };
}
function reasonOf(error) {
    if (!(error instanceof Error))
        return String(error);
    const code = error.code;
    return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

;// CONCATENATED MODULE: ./src/sources/download-cache.ts
// The content-addressed download cache: a file pinned by sha256 lives at
// `<sourceCache>/<kind>/<sha256>`. An entry only ever appears by rename after its digest was
// verified, so no reader sees a partial or wrong file, and two processes fetching the same file
// at once both end with the same complete entry. It never keeps a file whose digest is wrong.





const SHA256 = /^[0-9a-f]{64}$/;
/** Whether `ref` can name a cache entry: a lowercase hex sha256, as BuildStream compares them. */
function isSha256(ref) {
    return SHA256.test(ref);
}
/** Where the file pinned by `ref` lives (or will live) in the cache. */
function downloadPath(sourceCache, kind, ref) {
    // A ref becomes a file name, so anything but a digest could name a path elsewhere.
    if (!isSha256(ref))
        throw new Error(`download cache: '${ref}' is not a sha256`);
    return external_node_path_default().join(sourceCache, kind, ref);
}
function isDownloaded(sourceCache, kind, ref) {
    try {
        return external_node_fs_default().statSync(downloadPath(sourceCache, kind, ref)).isFile();
    }
    catch {
        return false;
    }
}
/** Downloads `url` into the cache unless the entry is there already; returns the entry's path. */
async function ensureDownloaded(request) {
    const final = downloadPath(request.sourceCache, request.kind, request.ref);
    if (isDownloaded(request.sourceCache, request.kind, request.ref))
        return final;
    const directory = external_node_path_default().dirname(final);
    await external_node_fs_default().promises.mkdir(directory, { recursive: true });
    // Same directory as the entry, so the rename is atomic; a unique name per attempt, so that
    // concurrent fetches of the same ref never write into each other's file.
    const temporary = external_node_path_default().join(directory, `.${request.ref}.${process.pid}.${(0,external_node_crypto_namespaceObject.randomBytes)(6).toString('hex')}.part`);
    try {
        request.log(`fetching ${request.url}`);
        const got = await downloadToFile(request.url, temporary, request);
        if (got.sha256 !== request.ref) {
            throw new CairnError('checksum-mismatch', `file downloaded from ${request.url} has the wrong sha256: expected ${request.ref}, got ${got.sha256}`, request.refAt ?? request.at, 'if the file changed upstream on purpose, update the ref');
        }
        // Entries are never edited in place; staging copies them.
        await external_node_fs_default().promises.chmod(temporary, 0o444);
        await external_node_fs_default().promises.rename(temporary, final);
        request.log(`cached ${got.bytes} bytes as ${request.kind}/${request.ref}`);
        return final;
    }
    finally {
        await external_node_fs_default().promises.rm(temporary, { force: true });
    }
}

;// CONCATENATED MODULE: ./src/sources/urls.ts
// Source URLs as BuildStream writes them: `alias:rest` becomes the project's alias prefix plus
// `rest`. This module only rewrites strings; it never touches the network or the filesystem,
// and never lets an alias it does not know pass through as if it were a URL scheme.

/** Schemes BuildStream never treats as aliases (`utils._URI_SCHEMES`), compared lowercased. */
const URI_SCHEMES = ['http', 'https', 'ftp', 'file', 'git', 'sftp', 'ssh'];
/** The alias a URL uses, or undefined when it has no `name:` prefix or the prefix is a scheme. */
function aliasOf(url) {
    const colon = url.indexOf(':');
    if (colon < 0)
        return undefined;
    const prefix = url.slice(0, colon);
    return URI_SCHEMES.includes(prefix.toLowerCase()) ? undefined : prefix;
}
/**
 * The URL to download from. Aliases join by plain concatenation, as BuildStream does, so
 * `upstream: https://example.com/` with `upstream:foo.tar.gz` gives `https://example.com/foo.tar.gz`.
 */
function translateUrl(url, aliases, at) {
    const alias = aliasOf(url);
    if (alias === undefined)
        return url;
    const prefix = aliases.get(alias);
    if (prefix === undefined) {
        const known = [...aliases.keys()].sort();
        throw new CairnError('invalid-data', `invalid alias '${alias}' in URL '${url}'`, at, known.length > 0 ? `defined aliases: ${known.join(', ')}` : `define '${alias}' under 'aliases:' in project.conf`);
    }
    return prefix + url.slice(alias.length + 1);
}
/** The last path component of a URL, as Python's os.path.basename gives it (query included). */
function urlBasename(url) {
    return url.slice(url.lastIndexOf('/') + 1);
}

;// CONCATENATED MODULE: ./src/sources/downloadable.ts
// What the downloadable kinds (remote, tar) share: reading `url` and `ref` from a source's
// configuration, translating the URL's alias, and fetching the file into the download cache.
// It never stages anything; each kind decides what to do with the cached file.




/** The URL to download from, with the project's alias applied; errors point at `url:`. */
function downloadUrl(source) {
    const scalar = scalarOf(source.config, 'url');
    if (!scalar)
        throw new CairnError('invalid-data', `a ${source.kind} source needs 'url'`, source.at);
    return translateUrl(scalar.value, source.aliases, scalar.at);
}
/** The sha256 that pins the source; errors point at `ref:` (or the source, when there is none). */
function pinnedRef(source) {
    const scalar = scalarOf(source.config, 'ref');
    if (!scalar) {
        throw new CairnError('invalid-data', `the ${source.kind} source has no ref, so there is nothing to fetch`, source.at, "add 'ref:' with the file's sha256");
    }
    if (!isSha256(scalar.value)) {
        throw new CairnError('invalid-data', `ref '${scalar.value}' is not a sha256`, scalar.at, 'a ref is the 64 lowercase hex digits of the sha256 of the file');
    }
    return scalar.value;
}
function isDownloadCached(source, context) {
    const ref = scalarOf(source.config, 'ref')?.value;
    return ref !== undefined && isSha256(ref) && isDownloaded(context.sourceCache, source.kind, ref);
}
async function fetchDownload(source, context) {
    const ref = pinnedRef(source);
    const url = downloadUrl(source);
    await ensureDownloaded({
        sourceCache: context.sourceCache,
        kind: source.kind,
        ref,
        url,
        at: source.config.get('url')?.at ?? source.at,
        refAt: source.config.get('ref')?.at ?? source.at,
        signal: context.signal,
        log: (line) => context.log(line),
    });
}
/** The cached file for staging; a source-not-cached error when it was never fetched. */
function cachedDownload(source, context) {
    const ref = pinnedRef(source);
    if (!isDownloaded(context.sourceCache, source.kind, ref)) {
        throw new CairnError('source-not-cached', `the ${source.kind} source ${scalarOf(source.config, 'url')?.value ?? ''} has not been fetched`, source.at, 'fetch it first');
    }
    return downloadPath(context.sourceCache, source.kind, ref);
}

;// CONCATENATED MODULE: ./plugins/sources/remote.ts
// `remote`: one downloaded file, pinned by its sha256, staged as `filename` with mode 0755 or 0644.







/**
 * The name to stage under. BuildStream defaults it from the translated URL, so that is what
 * staging uses; the key (below) keeps the untranslated form it has always had.
 */
function stagedName(source) {
    const filename = getString(source.config, 'filename') ?? urlBasename(downloadUrl(source));
    if (filename === '' || filename === '.' || filename === '..' || filename.includes('/')) {
        throw new CairnError('invalid-data', `remote source cannot be staged as '${filename}'`, source.config.get('filename')?.at ?? source.config.get('url')?.at ?? source.at, "set 'filename:' to a plain file name");
    }
    return filename;
}
const remote = {
    kind: 'remote',
    configKeys: [...DOWNLOAD_KEYS, 'filename', 'executable'],
    needsFetch: true,
    validate(source) {
        const url = requireKey(source, 'url');
        const filename = getString(source.config, 'filename') ?? url.slice(url.lastIndexOf('/') + 1);
        if (filename.includes('/')) {
            throw new CairnError('invalid-data', `remote source filename '${filename}' may not contain '/'`, source.config.get('filename')?.at ?? source.at);
        }
        getBool(source.config, 'executable', false);
    },
    isResolved: (source) => getString(source.config, 'ref') !== undefined,
    uniqueKey(source) {
        const url = requireKey(source, 'url');
        const filename = getString(source.config, 'filename') ?? url.slice(url.lastIndexOf('/') + 1);
        return [...downloadKey(source), filename, getBool(source.config, 'executable', false)];
    },
    isCached: isDownloadCached,
    fetch: fetchDownload,
    async stage(source, directory, context) {
        const cached = cachedDownload(source, context);
        const name = stagedName(source);
        const root = await StagingRoot.open(directory, 'staging-overlap');
        const target = await root.clear(root.real, name, { what: `remote file '${name}'`, at: source.at });
        // A copy, never a hard link into the cache: the build may write to its sources.
        await external_node_fs_default().promises.copyFile(cached, target, (external_node_fs_default()).constants.COPYFILE_EXCL);
        await external_node_fs_default().promises.chmod(target, getBool(source.config, 'executable', false) ? 0o755 : 0o644);
    },
};

;// CONCATENATED MODULE: ./src/sources/archive-stream.ts
// Opens an archive file as a stream of plain tar bytes. Gzip is left to the tar parser; xz,
// bzip2, lzip and zstd go through the host's own tools, as BuildStream uses the host's lzip.
// The first bytes decide, never the file name (a cached download is named by its sha256).





const COMPRESSIONS = [
    { tool: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
    { tool: 'bzip2', magic: [0x42, 0x5a, 0x68] },
    { tool: 'lzip', magic: [0x4c, 0x5a, 0x49, 0x50] },
    { tool: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd] },
];
const archive_stream_STDERR_LIMIT = 4096;
/**
 * Runs `read` over the tar bytes of `file` and waits for any decompressor to finish. When the
 * decompressor failed, its error wins over the parse error it caused.
 */
async function withTarStream(file, label, at, read) {
    const compression = await detect(file);
    if (compression === undefined) {
        const stream = external_node_fs_default().createReadStream(file);
        try {
            return await read(stream);
        }
        finally {
            stream.destroy();
        }
    }
    const tool = findHostTool(compression.tool);
    if (tool === undefined) {
        throw new CairnError('missing-file', `${label} is ${compression.tool}-compressed, but the host has no '${compression.tool}' to unpack it`, at, `install ${compression.tool}`);
    }
    const input = await external_node_fs_default().promises.open(file, 'r');
    let child;
    try {
        child = (0,external_node_child_process_namespaceObject.spawn)(tool, ['-dc'], { stdio: [input.fd, 'pipe', 'pipe'] });
    }
    catch (error) {
        await input.close();
        throw error;
    }
    // Everything listens before the first await. Node discards the output of a child that exits
    // while nobody reads it, and a small archive is unpacked before the caller starts reading:
    // the pipe (which keeps backpressure) reads from the start.
    const output = child.stdout.pipe(new external_node_stream_namespaceObject.PassThrough());
    let stderr = '';
    child.stderr.on('data', (chunk) => {
        if (stderr.length < archive_stream_STDERR_LIMIT)
            stderr += chunk.toString('utf8');
    });
    const exited = new Promise((resolve) => {
        child.on('error', () => resolve(null));
        child.on('close', (code) => resolve(code));
    });
    // The child has its own copy of the descriptor.
    await input.close();
    const failure = (code) => new CairnError('invalid-data', `${compression.tool} could not unpack ${label}: ${stderr.trim() || `exit status ${code ?? 'unknown'}`}`, at);
    let result;
    try {
        result = await read(output);
    }
    catch (error) {
        // An exit of its own before we stop it means the decompressor found the problem first.
        const code = child.exitCode;
        child.kill();
        output.destroy();
        await exited;
        if (code !== null && code !== 0)
            throw failure(code);
        throw error;
    }
    const code = await exited;
    if (code !== 0)
        throw failure(code);
    return result;
}
async function detect(file) {
    const handle = await external_node_fs_default().promises.open(file, 'r');
    try {
        const head = Buffer.alloc(8);
        const { bytesRead } = await handle.read(head, 0, head.length, 0);
        return COMPRESSIONS.find(({ magic }) => bytesRead >= magic.length && magic.every((byte, i) => head[i] === byte));
    }
    finally {
        await handle.close();
    }
}
/** The absolute path of an executable on PATH, or undefined. */
function findHostTool(name) {
    for (const directory of (process.env.PATH ?? '').split((external_node_path_default()).delimiter)) {
        if (directory === '')
            continue;
        const candidate = external_node_path_default().join(directory, name);
        try {
            external_node_fs_default().accessSync(candidate, (external_node_fs_default()).constants.X_OK);
            if (external_node_fs_default().statSync(candidate).isFile())
                return candidate;
        }
        catch {
            // not here; keep looking
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/sources/tar-entries.ts
// Reads a tar stream member by member, as an async iterator over the `tar` package's parser.
// The next member is handed out only when the caller asks for it, so each member is fully
// handled before the next; it never writes anything and never judges member names.

/**
 * Yields each member of the (plain or gzip-compressed) tar stream `input`. The caller must
 * consume or `resume()` each member's data before asking for the next one. A corrupt or
 * truncated archive throws.
 */
async function* tarEntries(input) {
    // strict: a bad checksum or truncation is an error, not a warning. No brotli or zstd guessing:
    // anything that is neither tar nor gzip was decompressed before it got here.
    const parser = new rt({ strict: true, brotli: false, zstd: false });
    const queue = [];
    let ended = false;
    let failure;
    let wake;
    const notify = () => {
        const resume = wake;
        wake = undefined;
        resume?.();
    };
    parser.on('entry', (entry) => {
        queue.push(entry);
        notify();
    });
    parser.on('error', (error) => {
        failure ??= error;
        notify();
    });
    parser.on('end', () => {
        ended = true;
        notify();
    });
    input.on('data', (chunk) => {
        // The parser says false while the member being handled has not taken its data yet.
        if (!parser.write(chunk)) {
            input.pause();
            parser.once('drain', () => input.resume());
        }
    });
    input.on('end', () => parser.end());
    input.on('error', (error) => {
        failure ??= error;
        notify();
    });
    try {
        for (;;) {
            if (failure !== undefined)
                throw failure;
            const next = queue.shift();
            if (next !== undefined) {
                yield next;
                continue;
            }
            if (ended)
                return;
            await new Promise((resolve) => {
                wake = resolve;
            });
        }
    }
    finally {
        input.destroy();
    }
}

;// CONCATENATED MODULE: ./src/sources/tar-extract.ts
// Extracts a tar archive into a staging directory the way BuildStream's `tar` source does:
// only members under the base directory, with that prefix stripped; a leading `./` ignored;
// files owner-readable and writable, keeping only their executable bit; device nodes and
// FIFOs skipped. It never writes outside the directory: absolute names, `..` components,
// hard links to anything but earlier members and writes through symlinks that lead outside
// are refused with an 'unsafe-archive' error naming the member.









const tar_extract_S_IXUSR = 0o100;
// O_NOFOLLOW: a member's file is created fresh; a symlink appearing at its name is a race.
const CREATE_FLAGS = (external_node_fs_default()).constants.O_WRONLY | (external_node_fs_default()).constants.O_CREAT | (external_node_fs_default()).constants.O_EXCL | (external_node_fs_default()).constants.O_NOFOLLOW;
async function extractTar(request) {
    try {
        const prefix = request.baseDir === '' ? '' : `${await findBaseDir(request)}/`;
        const root = await StagingRoot.open(request.directory, 'unsafe-archive');
        // Regular files this archive wrote, by staged path: the only things a hard link may name.
        const extracted = new Set();
        await withTarStream(request.archive, request.label, request.at, async (stream) => {
            for await (const entry of tarEntries(stream)) {
                request.signal.throwIfAborted();
                await extractMember(entry, prefix, root, extracted, request);
            }
        });
    }
    catch (error) {
        if (isTarParseError(error)) {
            throw new CairnError('invalid-data', `${request.label} is not a valid tar archive: ${error.message}`, request.at);
        }
        throw error;
    }
}
async function extractMember(entry, prefix, root, extracted, request) {
    const raw = entry.path;
    const name = withoutDotSlash(raw);
    // As BuildStream: members outside the base directory are skipped before anything is checked.
    if (!name.startsWith(prefix)) {
        entry.resume();
        return;
    }
    const member = { what: `tar member '${raw}'`, at: request.at };
    const components = safeComponents(name.slice(prefix.length), member);
    const last = components.at(-1);
    if (last === undefined) {
        entry.resume();
        return;
    }
    const staged = components.join('/');
    switch (entry.type) {
        case 'Directory':
        case 'GNUDumpDir':
            entry.resume();
            await root.directory(components, member);
            return;
        case 'File':
        case 'OldFile':
        case 'ContiguousFile': {
            const parent = await root.directory(components.slice(0, -1), member);
            const target = await root.clear(parent, last, member);
            const mode = ((entry.mode ?? 0) & tar_extract_S_IXUSR) !== 0 ? 0o755 : 0o644;
            const handle = await external_node_fs_default().promises.open(target, CREATE_FLAGS, mode);
            // fchmod: the umask must not decide the mode, and the handle cannot be redirected.
            await handle.chmod(mode);
            await (0,external_node_stream_promises_namespaceObject.pipeline)(external_node_stream_namespaceObject.Readable.from(entry), handle.createWriteStream(), { signal: request.signal });
            extracted.add(staged);
            return;
        }
        case 'SymbolicLink': {
            entry.resume();
            // The target is data: it is stored as written and never followed while extracting.
            const parent = await root.directory(components.slice(0, -1), member);
            await external_node_fs_default().promises.symlink(entry.linkpath ?? '', await root.clear(parent, last, member));
            extracted.delete(staged);
            return;
        }
        case 'Link': {
            entry.resume();
            const source = await hardLinkSource(entry, prefix, root, extracted, member);
            const parent = await root.directory(components.slice(0, -1), member);
            await external_node_fs_default().promises.link(source, await root.clear(parent, last, member));
            extracted.add(staged);
            return;
        }
        case 'CharacterDevice':
        case 'BlockDevice':
        case 'FIFO':
            entry.resume();
            request.log(`skipping ${member.what}: device nodes and FIFOs are not staged`);
            return;
        default:
            entry.resume();
            request.log(`skipping ${member.what}: unsupported member type ${entry.type}`);
    }
}
/** The real path of the file a hard link names, which must be a regular file from this archive. */
async function hardLinkSource(entry, prefix, root, extracted, member) {
    const written = entry.linkpath ?? '';
    let name = withoutDotSlash(written);
    // BuildStream strips the base directory from link targets under it, and keeps others as written.
    if (prefix !== '' && name.startsWith(prefix))
        name = name.slice(prefix.length);
    const components = safeComponents(name, { what: `${member.what} (a hard link to '${written}')`, at: member.at });
    const last = components.at(-1);
    if (last === undefined || !extracted.has(components.join('/'))) {
        throw new CairnError('unsafe-archive', `${member.what} is a hard link to '${written}', which is not a file extracted from this archive`, member.at);
    }
    const source = external_node_path_default().join(await root.directory(components.slice(0, -1), member), last);
    if (!(await external_node_fs_default().promises.lstat(source)).isFile()) {
        throw new CairnError('unsafe-archive', `${member.what} is a hard link to '${written}', which is no longer a regular file`, member.at);
    }
    return source;
}
/**
 * The path components of a member name relative to the staging directory. An absolute name
 * or a `..` component is refused rather than repaired, as BuildStream refuses members that
 * would land outside the staging area.
 */
function safeComponents(name, member) {
    if (name.startsWith('/')) {
        throw new CairnError('unsafe-archive', `${member.what} has an absolute path`, member.at, 'an archive may only hold relative paths');
    }
    const components = name.split('/').filter((part) => part !== '' && part !== '.');
    if (components.includes('..')) {
        throw new CairnError('unsafe-archive', `${member.what} has a '..' component and could escape the staging directory`, member.at);
    }
    return components;
}
/** A member name without leading `./` (however many) or trailing `/`. */
function withoutDotSlash(name) {
    let result = name;
    while (result.startsWith('./'))
        result = result.slice(2);
    if (result === '.')
        return '';
    while (result.endsWith('/') && result.length > 1)
        result = result.slice(0, -1);
    return result;
}
/**
 * BuildStream's `base-dir`: the first, in sorted order, of the archive's directories matching
 * the glob. Directories only implied by deeper members count too, since many tarballs have no
 * entry for their top directory.
 */
async function findBaseDir(request) {
    const directories = new Set();
    await withTarStream(request.archive, request.label, request.at, async (stream) => {
        for await (const entry of tarEntries(stream)) {
            entry.resume();
            request.signal.throwIfAborted();
            const name = withoutDotSlash(entry.path);
            const parts = name.split('/').filter((part) => part !== '' && part !== '.');
            if (name.startsWith('/'))
                continue;
            const isDirectory = entry.type === 'Directory' || entry.type === 'GNUDumpDir';
            const depth = isDirectory ? parts.length : parts.length - 1;
            // A '..' is refused when extracted; no directory at or below one is offered as the base.
            for (let i = 1; i <= depth && parts[i - 1] !== '..'; i++)
                directories.add(parts.slice(0, i).join('/'));
        }
    });
    // BuildStream matches the glob against paths with a leading slash; `*` stays in one component.
    const matches = globMatcher([`/${request.baseDir.replace(/^\/+/, '')}`]);
    const found = [...directories].filter((directory) => matches(`/${directory}`)).sort();
    const first = found[0];
    if (first === undefined) {
        throw new CairnError('invalid-data', `no directory in ${request.label} matches base-dir '${request.baseDir}'`, request.at, "set base-dir to one of the archive's directories, or '' for the whole archive");
    }
    return first;
}
function isTarParseError(error) {
    return error instanceof Error && !(error instanceof CairnError) && 'tarCode' in error;
}

;// CONCATENATED MODULE: ./plugins/sources/tar.ts
// `tar` (and `zip`, which is keyed the same way): an archive pinned by sha256, staged from base-dir.
// Only tar fetches and stages so far; zip keeps its key and validation until it gets an extractor.




function archive(kind) {
    return {
        kind,
        configKeys: [...DOWNLOAD_KEYS, 'base-dir'],
        needsFetch: true,
        validate: (source) => void requireKey(source, 'url'),
        isResolved: (source) => getString(source.config, 'ref') !== undefined,
        uniqueKey: (source) => [...downloadKey(source), getString(source.config, 'base-dir') ?? '*'],
    };
}
const tar = {
    ...archive('tar'),
    isCached: isDownloadCached,
    fetch: fetchDownload,
    async stage(source, directory, context) {
        await extractTar({
            archive: cachedDownload(source, context),
            label: downloadUrl(source),
            directory,
            baseDir: getString(source.config, 'base-dir') ?? '*',
            at: source.at,
            signal: context.signal,
            log: (line) => context.log(line),
        });
    },
};
const zip = archive('zip');

;// CONCATENATED MODULE: ./plugins/sources/index.ts
// The source kinds Cairn builds in, by kind name.






const builtinSourcePlugins = new Map([local, remote, tar, zip, git, patch, ostree].map((plugin) => [plugin.kind, plugin]));

;// CONCATENATED MODULE: ./src/project/plugins.ts
// Which implementation serves each element and source kind a project uses. Built-in kinds are
// always there; project.conf `plugins:` may add kinds from a local directory (JavaScript
// modules written against Cairn's plugin API), a pip package or a junction. BuildStream's own
// plugin packages (buildstream-plugins and friends) are recognised by the kinds they name:
// every kind Cairn builds in resolves to its built-in, so such projects load without Python.







/** Reads `plugins:`; nothing outside the project is touched until loadLocal(). */
function resolvePlugins(plugins, projectDirectory) {
    const local = new Map();
    const loadedElements = new Map();
    const loadedSources = new Map();
    let localLoaded = false;
    for (const entry of plugins?.items ?? []) {
        if (entry.kind !== 'mapping')
            throw new CairnError('invalid-data', 'each plugins: entry must be a mapping with an origin', entry.at);
        const origin = getString(entry, 'origin');
        switch (origin) {
            case 'local': {
                validateKeys(entry, ['origin', 'path', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'], 'a local plugin origin');
                const pathScalar = entry.get('path');
                if (!pathScalar || pathScalar.kind !== 'scalar')
                    throw new CairnError('invalid-data', "a local plugin origin needs 'path'", entry.at);
                const directory = external_node_path_default().resolve(projectDirectory, pathScalar.value);
                for (const key of ['elements', 'sources']) {
                    for (const name of kindNames(entry, key))
                        local.set(`${key}:${name.value}`, { origin: { directory, at: pathScalar.at }, kind: key, name });
                }
                break;
            }
            case 'pip':
            case 'junction': {
                const keys = origin === 'pip' ? ['origin', 'package-name', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'] : ['origin', 'junction', 'elements', 'sources', 'source-mirrors', 'allow-deprecated'];
                validateKeys(entry, keys, `a ${origin} plugin origin`);
                const from = origin === 'pip' ? `pip package '${getString(entry, 'package-name') ?? '?'}'` : `junction '${getString(entry, 'junction') ?? '?'}'`;
                for (const key of ['elements', 'sources']) {
                    const builtins = key === 'elements' ? builtinElementPlugins : builtinSourcePlugins;
                    for (const name of kindNames(entry, key)) {
                        if (!builtins.has(name.value)) {
                            throw new CairnError('unsupported-plugin', `${key === 'elements' ? 'element' : 'source'} kind '${name.value}' from ${from} is not implemented by Cairn`, name.at, `Cairn builds in: ${[...builtins.keys()].sort().join(', ')}`);
                        }
                    }
                }
                break;
            }
            default:
                throw new CairnError('invalid-data', `unknown plugin origin '${origin ?? ''}'`, entry.at, "use 'local', 'pip' or 'junction'");
        }
    }
    const missing = (what, kind, at, known) => new CairnError('unsupported-plugin', `no ${what} kind '${kind}'`, at, `known kinds: ${[...known].sort().join(', ')}`);
    return {
        element(kind, at) {
            const found = loadedElements.get(kind) ?? builtinElementPlugins.get(kind);
            if (found)
                return found;
            throw missing('element', kind, at, [...builtinElementPlugins.keys(), ...loadedElements.keys()]);
        },
        source(kind, at) {
            const found = loadedSources.get(kind) ?? builtinSourcePlugins.get(kind);
            if (found)
                return found;
            throw missing('source', kind, at, [...builtinSourcePlugins.keys(), ...loadedSources.keys()]);
        },
        async loadLocal() {
            if (localLoaded)
                return;
            localLoaded = true;
            for (const { origin, kind, name } of local.values()) {
                const module = findModule(origin.directory, name);
                // The module path is only known at run time, so the bundler must leave this import alone.
                const loaded = (await import(/* webpackIgnore: true */ (0,external_node_url_namespaceObject.pathToFileURL)(module).href));
                const plugin = (loaded.default ?? loaded.plugin);
                if (!plugin || typeof plugin !== 'object' || plugin.kind !== name.value) {
                    throw new CairnError('unsupported-plugin', `${module} does not export a plugin of kind '${name.value}'`, name.at, 'export default an object with kind, defaults and the plugin functions');
                }
                if (kind === 'elements')
                    loadedElements.set(name.value, plugin);
                else
                    loadedSources.set(name.value, plugin);
            }
        },
    };
}
function kindNames(entry, key) {
    const list = entry.get(key);
    if (!list)
        return [];
    if (list.kind !== 'sequence')
        throw new CairnError('invalid-data', `'${key}' must be a list of kinds`, list.at);
    return list.items.map((item) => {
        if (item.kind === 'scalar')
            return item;
        if (item.kind === 'mapping') {
            const kind = item.get('kind');
            if (kind?.kind === 'scalar')
                return kind;
        }
        throw new CairnError('invalid-data', `each entry of '${key}' must be a kind name`, item.at);
    });
}
function findModule(directory, name) {
    // An ES module: `.mjs`, or `.js` beside a package.json that says "type": "module".
    for (const extension of ['.mjs', '.js']) {
        const candidate = external_node_path_default().join(directory, name.value + extension);
        if (external_node_fs_default().existsSync(candidate))
            return candidate;
    }
    const python = external_node_fs_default().existsSync(external_node_path_default().join(directory, `${name.value}.py`));
    throw new CairnError('unsupported-plugin', python ? `plugin '${name.value}' is a Python (BuildStream) plugin; Cairn needs ${name.value}.mjs` : `no plugin module ${name.value}.mjs in ${directory}`, name.at, python ? 'port the plugin to Cairn\'s JavaScript plugin API (docs/plugins.md)' : undefined);
}

;// CONCATENATED MODULE: ./src/project/project.ts
// Loads a project: project.conf composed onto BuildStream's built-in defaults, its includes,
// options and conditionals resolved, and everything elements need from it set out as plain
// data. It reads files and nothing else.














/** Finds the directory holding project.conf, from `start` upwards. */
function findProjectDirectory(start) {
    let dir = external_node_path_default().resolve(start);
    for (;;) {
        if (external_node_fs_default().existsSync(external_node_path_default().join(dir, 'project.conf')))
            return dir;
        const parent = external_node_path_default().dirname(dir);
        if (parent === dir) {
            throw new CairnError('missing-project-conf', `no project.conf in ${external_node_path_default().resolve(start)} or any directory above it`, undefined, 'run cairn in a project, or give -C DIR');
        }
        dir = parent;
    }
}
function readProjectFile(file, shownAs) {
    let text;
    try {
        text = external_node_fs_default().readFileSync(file, 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code === 'EISDIR')
            throw new CairnError('loading-directory', `${shownAs} is a directory, not a file`);
        throw new CairnError('missing-file', `cannot read ${shownAs}: ${code === 'ENOENT' ? 'no such file' : String(code)}`);
    }
    return readYaml(text, shownAs);
}
function checkMinVersion(conf) {
    const scalar = scalarOf(conf, 'min-version');
    if (!scalar) {
        const hint = conf.has('format-version') ? 'this looks like a BuildStream 1 project: Cairn reads the BuildStream 2 format' : "add 'min-version: 2.0'";
        throw new CairnError('invalid-data', "project.conf has no 'min-version'", conf.at, hint);
    }
    const match = /^(\d+)\.(\d+)$/.exec(scalar.value);
    if (!match)
        throw new CairnError('invalid-data', `min-version '${scalar.value}' is not MAJOR.MINOR`, scalar.at, 'for example 2.0');
    const [major, minor] = [Number(match[1]), Number(match[2])];
    if (major !== FORMAT_MAJOR) {
        throw new CairnError('unsupported-project', `project needs BuildStream ${major}; Cairn reads the BuildStream ${FORMAT_MAJOR} format`, scalar.at);
    }
    if (minor > FORMAT_MINOR) {
        throw new CairnError('unsupported-project', `project needs format ${scalar.value}; Cairn supports up to ${FORMAT_MAJOR}.${FORMAT_MINOR}`, scalar.at);
    }
}
const SYMBOL = /^[A-Za-z_-][A-Za-z0-9_-]*$/;
function loadProject(directoryIn, settings = {}) {
    const directory = external_node_path_default().resolve(directoryIn);
    const prefix = settings.displayPrefix ?? '';
    const confFile = external_node_path_default().join(directory, 'project.conf');
    if (!external_node_fs_default().existsSync(confFile)) {
        throw new CairnError('missing-project-conf', `no project.conf in ${directory}`);
    }
    const conf = readProjectFile(confFile, `${prefix}project.conf`);
    // Keys that decide how the project loads are read from project.conf itself, before includes.
    // min-version first, as BuildStream does: a BuildStream 1 project gets the hint, not an unknown key.
    checkMinVersion(conf);
    validateKeys(conf, PROJECT_KEYS, 'project.conf');
    const nameScalar = requireString(conf, 'name', 'project.conf');
    if (!SYMBOL.test(nameScalar.value) || /^[0-9]/.test(nameScalar.value)) {
        throw new CairnError('invalid-symbol-name', `project name '${nameScalar.value}' may hold only letters, digits, '_' and '-', and may not start with a digit`, nameScalar.at);
    }
    const name = nameScalar.value;
    const elementPathScalar = scalarOf(conf, 'element-path') ?? new ScalarNode('.', SYNTHETIC);
    const elementPath = projectPath(directory, elementPathScalar, 'element-path', 'directory');
    const includeCache = new Map();
    const includes = {
        resolve(include) {
            if (include.value.includes(':')) {
                if (!settings.crossProjectIncludes) {
                    throw new CairnError('invalid-data', `project.conf cannot include '${include.value}' from a junction`, include.at, 'include it from an element instead');
                }
                return settings.crossProjectIncludes(include);
            }
            const file = projectPath(directory, include, 'include');
            let parsed = includeCache.get(file);
            if (!parsed) {
                try {
                    parsed = readProjectFile(file, `${prefix}${external_node_path_default().relative(directory, file)}`);
                }
                catch (error) {
                    if (error instanceof CairnError && !error.provenance)
                        throw new CairnError(error.reason, error.message, include.at, error.hint);
                    throw error;
                }
                includeCache.set(file, parsed);
            }
            return { node: parsed.clone(), identity: file, context: includes };
        },
    };
    // Includes first (their conditionals wait, since options may be declared in them), then the
    // built-in defaults beneath, then options, then the conditionals of the whole.
    const composed = conf.clone();
    processIncludes(composed, includes);
    for (const key of ['name', 'element-path', 'min-version', 'plugins']) {
        const at = composed.has(key) ? composed.whereIs(key) : undefined;
        if (at && at.file !== `${prefix}project.conf`) {
            throw new CairnError('invalid-data', `'${key}' may only be set in project.conf itself, not in an included file`, at);
        }
    }
    const config = readYaml(PROJECT_DEFAULTS_YAML, PROJECT_DEFAULTS_FILE);
    config.set('variables', readYaml(BUILTIN_VARIABLES_YAML, PROJECT_DEFAULTS_FILE).get('variables'));
    compositeInto(config, composed);
    const options = OptionPool.declare(getMapping(config, 'options') ?? MappingNode.empty(), { elementPath });
    if (settings.junctionOptions)
        options.setFromYaml(settings.junctionOptions, 'junction');
    for (const [option, value] of settings.cliOptions ?? [])
        options.setFromCommandLine(option, value);
    options.resolve();
    const conditionals = (node) => resolveConditionals(node, options);
    resolveConditionals(config, options, KEYS_NOT_CONDITIONAL);
    validateKeys(config, PROJECT_KEYS, 'project.conf');
    const elementOverrides = getMapping(config, 'elements') ?? MappingNode.empty();
    const sourceOverrides = getMapping(config, 'sources') ?? MappingNode.empty();
    config.delete('elements');
    config.delete('sources');
    assertFullyComposited(config);
    const variables = getMapping(config, 'variables') ?? MappingNode.empty();
    assertNotProtected(variables);
    for (const override of elementOverrides.entries.values()) {
        if (override.kind === 'mapping') {
            const overrideVariables = getMapping(override, 'variables');
            if (overrideVariables)
                assertNotProtected(overrideVariables);
        }
    }
    const maxJobs = settings.maxJobs ?? defaultMaxJobs();
    variables.set('project-name', new ScalarNode(name, SYNTHETIC));
    variables.set('max-jobs', new ScalarNode(String(maxJobs), SYNTHETIC));
    for (const [variable, value, at] of options.exportVariables())
        variables.set(variable, new ScalarNode(value, at));
    const aliases = readAliases(config, variables, directory);
    const mirrors = readMirrors(config);
    const refStorageScalar = scalarOf(config, 'ref-storage');
    if (refStorageScalar.value !== 'inline' && refStorageScalar.value !== 'project.refs') {
        throw new CairnError('invalid-data', `ref-storage '${refStorageScalar.value}' is not 'inline' or 'project.refs'`, refStorageScalar.at);
    }
    const defaults = getMapping(config, 'defaults') ?? MappingNode.empty();
    validateKeys(defaults, ['targets'], "'defaults'");
    const fatalWarnings = getStringList(config, 'fatal-warnings').map((s) => s.value);
    if (getBool(config, 'fail-on-overlap', false) && !fatalWarnings.includes('overlaps'))
        fatalWarnings.push('overlaps');
    const junctions = getMapping(config, 'junctions');
    if (junctions)
        validateKeys(junctions, ['duplicates', 'internal', 'disallow-subproject-uris'], "'junctions'");
    const sandbox = getMapping(config, 'sandbox') ?? MappingNode.empty();
    validateKeys(sandbox, ['build-uid', 'build-gid', 'build-os', 'build-arch', 'remote-apis-socket'], "'sandbox'");
    return {
        name,
        directory,
        elementPath,
        displayPrefix: prefix,
        options,
        variables,
        environment: getMapping(config, 'environment') ?? MappingNode.empty(),
        environmentNocache: getStringList(config, 'environment-nocache').map((s) => s.value),
        sandbox,
        splitRules: getMapping(config, 'split-rules') ?? MappingNode.empty(),
        elementOverrides,
        sourceOverrides,
        aliases,
        mirrors,
        fatalWarnings,
        refStorage: refStorageScalar.value,
        refs: refStorageScalar.value === 'project.refs' ? readRefs(directory, prefix, name) : new Map(),
        defaultTargets: getStringList(defaults, 'targets').map((s) => s.value),
        plugins: resolvePlugins(getSequence(conf, 'plugins'), directory),
        conditionals,
        includes,
        maxJobs,
    };
}
/**
 * project.refs: `projects: {<project name>: {<element name>: [<ref mapping per source>]}}`.
 * A missing file means no refs yet (they are written by tracking).
 */
function readRefs(directory, prefix, projectName) {
    const refs = new Map();
    const file = external_node_path_default().join(directory, 'project.refs');
    if (!external_node_fs_default().existsSync(file))
        return refs;
    const root = readProjectFile(file, `${prefix}project.refs`);
    validateKeys(root, ['projects'], 'project.refs');
    const ours = getMapping(getMapping(root, 'projects') ?? MappingNode.empty(), projectName);
    for (const [element, list] of ours?.entries ?? []) {
        if (list.kind !== 'sequence')
            throw new CairnError('invalid-data', `the refs of '${element}' must be a list, one entry per source`, list.at);
        refs.set(element, list.items.map((item) => {
            if (item.kind !== 'mapping')
                throw new CairnError('invalid-data', 'each source ref must be a mapping such as {ref: ...}', item.at);
            return item;
        }));
    }
    return refs;
}
/** BuildStream's automatic max-jobs: the usable processors, at most 8. */
function defaultMaxJobs() {
    return Math.max(1, Math.min(external_node_os_default().availableParallelism(), 8));
}
/** project.conf `mirrors:`: a list of `{name, aliases: {alias: [url prefix, ...]}}`. */
function readMirrors(config) {
    const list = getSequence(config, 'mirrors');
    if (!list)
        return [];
    return list.items.map((item) => {
        if (item.kind !== 'mapping')
            throw new CairnError('invalid-data', 'each mirror must be a mapping with name and aliases', item.at);
        validateKeys(item, ['name', 'aliases'], 'a mirror');
        const name = requireString(item, 'name', 'a mirror').value;
        const aliases = new Map();
        const node = getMapping(item, 'aliases');
        if (!node)
            throw new CairnError('invalid-data', `mirror '${name}' has no aliases`, item.at, 'give aliases: {alias: [url prefixes]}');
        for (const [alias, value] of node.entries) {
            if (value.kind !== 'sequence')
                throw new CairnError('invalid-data', `mirror '${name}': alias '${alias}' must list URL prefixes`, value.at);
            aliases.set(alias, value.items.map((url) => {
                if (url.kind !== 'scalar')
                    throw new CairnError('invalid-data', `mirror '${name}': a URL prefix must be a string`, url.at);
                return url.value;
            }));
        }
        return { name, aliases };
    });
}
/** Aliases may use the project variables plus project-root and toplevel-root (and their URIs). */
function readAliases(config, variables, directory) {
    const aliasesNode = getMapping(config, 'aliases');
    const aliases = new Map();
    if (!aliasesNode)
        return aliases;
    const scope = variables.clone();
    const uri = `file://${encodeURI(directory)}`;
    for (const [key, value] of [['project-root', directory], ['toplevel-root', directory], ['project-root-uri', uri], ['toplevel-root-uri', uri]]) {
        scope.set(key, new ScalarNode(value, SYNTHETIC));
    }
    const resolver = new Variables(scope);
    for (const [alias, value] of aliasesNode.entries) {
        if (value.kind !== 'scalar')
            throw new CairnError('invalid-data', `alias '${alias}' must be a URL prefix`, value.at);
        aliases.set(alias, resolver.expand(value.value, value.at));
    }
    return aliases;
}

;// CONCATENATED MODULE: ./src/project/loader.ts
// Loads element files from the targets outwards: each file is read once, its conditionals and
// includes resolved, its dependency declarations turned into edges to other loaded elements
// (following links, and junctions into their subprojects). The result is the raw element graph;
// composing configuration and computing keys come after.











const ELEMENT_KEYS = [
    'kind', 'description', 'depends', 'build-depends', 'runtime-depends', 'sources', 'variables',
    'environment', 'environment-nocache', 'config', 'public', 'sandbox',
];
/** One project's share of the loading: its elements by name, and its subprojects by junction. */
class ProjectLoader {
    project;
    junctionPath;
    shared;
    overrides;
    elements = new Map();
    subprojects = new Map();
    constructor(project, junctionPath, shared, 
    /** Overrides from the junction that loaded this project: sub-element → element in the parent. */
    overrides = new Map()) {
        this.project = project;
        this.junctionPath = junctionPath;
        this.shared = shared;
        this.overrides = overrides;
    }
    /** The element `name` (which may cross junctions), reading its file on first use. */
    element(name, at) {
        const cut = name.indexOf(':');
        if (cut >= 0) {
            const junction = checkElementName(name.slice(0, cut), at);
            return this.subproject(junction, at).element(name.slice(cut + 1), at);
        }
        const normal = checkElementName(name, at);
        const override = this.overrides.get(normal);
        if (override)
            return override.loader.element(override.name, override.at);
        return this.elements.get(normal) ?? this.read(normal, at);
    }
    read(name, at) {
        const file = external_node_path_default().join(this.project.elementPath, name);
        const shownAs = this.project.displayPrefix + external_node_path_default().relative(this.project.directory, file);
        let text;
        try {
            text = external_node_fs_default().readFileSync(file, 'utf8');
        }
        catch (error) {
            const code = error.code;
            const problem = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : String(code);
            throw new CairnError(code === 'EISDIR' ? 'loading-directory' : 'missing-file', `cannot load element '${name}' from ${shownAs}: ${problem}`, at);
        }
        const node = readYaml(text, shownAs);
        this.project.conditionals(node);
        processIncludes(node, this.includeContext());
        validateKeys(node, ELEMENT_KEYS, `element '${name}'`);
        const kindScalar = node.get('kind');
        if (!kindScalar || kindScalar.kind !== 'scalar' || kindScalar.value === '') {
            throw new CairnError('invalid-data', `element '${name}' has no 'kind'`, kindScalar?.at ?? node.at, 'add for example kind: manual');
        }
        const element = {
            index: this.shared.all.length,
            name,
            fullName: this.junctionPath ? `${this.junctionPath}:${name}` : name,
            junction: this.junctionPath,
            project: this.project,
            node,
            kind: kindScalar.value,
            kindAt: kindScalar.at,
            dependencies: [],
        };
        this.elements.set(name, element);
        this.shared.all.push(element);
        this.shared.pending.push({ element, loader: this });
        return element;
    }
    /**
     * How an element file's `(@)` includes resolve: each included file's conditionals are
     * evaluated with its own project's options, and a file included from a junction is expanded
     * with that subproject's variables when it is included, as BuildStream does.
     */
    includeContext() {
        const context = {
            resolve: (include) => {
                const cut = include.value.lastIndexOf(':');
                if (cut < 0)
                    return { ...this.project.includes.resolve(include), context };
                const sub = this.subproject(include.value.slice(0, cut), include.at);
                const file = sub.project.includes.resolve(new ScalarNode(include.value.slice(cut + 1), include.at));
                const node = new Variables(sub.project.variables).expandNode(file.node);
                return { node, identity: file.identity, context: sub.includeContext() };
            },
            conditionals: this.project.conditionals,
        };
        return context;
    }
    /** Turns the element's declarations into edges, loading what they name. */
    resolveDependencies(element) {
        const declared = readDependencies(element.node);
        for (const key of ['depends', 'build-depends', 'runtime-depends'])
            element.node.delete(key);
        if (declared.length > 0 && (element.kind === 'junction' || element.kind === 'link')) {
            throw new CairnError('invalid-data', `a ${element.kind} element cannot have dependencies`, declared[0].at);
        }
        for (const dependency of declared) {
            const name = dependency.junction ? `${dependency.junction}:${dependency.name}` : dependency.name;
            const target = this.followLinks(this.element(name, dependency.at), dependency.at);
            if (target.kind === 'junction') {
                throw new CairnError('invalid-data', `'${name}' is a junction: depend on an element inside it, as '${name}:element.bst'`, dependency.at);
            }
            element.dependencies.push({ element: target, path: name, type: dependency.type, strict: dependency.strict, configs: dependency.configs, at: dependency.at });
        }
    }
    /** A link stands for its target, which may be another link, or be across a junction. */
    followLinks(element, at) {
        const seen = new Set();
        let current = element;
        while (current.kind === 'link') {
            if (seen.has(current)) {
                throw new CairnError('circular-dependency', `links form a loop: ${[...seen, current].map((e) => e.fullName).join(' -> ')}`, at);
            }
            seen.add(current);
            const config = getMapping(current.node, 'config');
            if (config)
                validateKeys(config, ['target'], `link '${current.name}'`);
            const targetScalar = config?.get('target');
            if (!config || !targetScalar || targetScalar.kind !== 'scalar') {
                throw new CairnError('invalid-data', `link '${current.name}' needs 'config: target:'`, current.kindAt);
            }
            if (current.node.has('sources'))
                throw new CairnError('invalid-data', `a link element cannot have sources`, current.node.whereIs('sources'));
            const owner = this.shared.loaderOf(current);
            current = owner.element(targetScalar.value, targetScalar.at);
        }
        return current;
    }
    /** The subproject behind the junction element `name` of this project. */
    subproject(name, at) {
        const known = this.subprojects.get(name);
        if (known)
            return known;
        const junction = this.followLinks(this.element(name, at), at ?? COMMAND_LINE);
        if (junction.kind !== 'junction') {
            throw new CairnError('invalid-junction', `'${name}' is not a junction (its kind is '${junction.kind}')`, at);
        }
        const owner = this.shared.loaderOf(junction);
        const directory = owner.junctionDirectory(junction);
        const config = getMapping(junction.node, 'config');
        if (config)
            validateKeys(config, ['path', 'options', 'overrides', 'aliases', 'map-aliases'], `junction '${junction.name}'`);
        const options = config ? getMapping(config, 'options') : undefined;
        const fullPath = junction.fullName;
        const settings = {
            displayPrefix: `${fullPath}:`,
            maxJobs: this.project.maxJobs,
            ...(options ? { junctionOptions: options } : {}),
        };
        let project;
        try {
            project = loadProject(directory, settings);
        }
        catch (error) {
            if (error instanceof CairnError && error.reason === 'missing-project-conf') {
                throw new CairnError('invalid-junction', `junction '${junction.name}' has no project.conf at ${external_node_path_default().relative(this.project.directory, directory) || '.'}`, junction.kindAt, "set the junction's config: path: to the directory holding project.conf");
            }
            throw error;
        }
        const overrides = new Map();
        const overridesNode = config ? getMapping(config, 'overrides') : undefined;
        for (const [subName, value] of overridesNode?.entries ?? []) {
            if (value.kind !== 'scalar')
                throw new CairnError('invalid-data', `the override of '${subName}' must be an element name`, value.at);
            if (subName === value.value)
                throw new CairnError('invalid-data', `'${subName}' cannot override itself`, value.at);
            overrides.set(checkElementName(subName, value.at), { loader: owner, name: value.value, at: value.at });
        }
        const loader = new ProjectLoader(project, fullPath, this.shared, overrides);
        this.subprojects.set(name, loader);
        this.shared.loaders.push(loader);
        return loader;
    }
    /** Where a junction's subproject lives: its one local source, then `config: path:`. */
    junctionDirectory(junction) {
        const sources = junction.node.get('sources');
        const list = sources?.kind === 'sequence' ? sources.items : [];
        const first = list[0];
        if (list.length !== 1 || first?.kind !== 'mapping' || getString(first, 'kind') !== 'local') {
            throw new CairnError('invalid-junction', `junction '${junction.name}' must be fetched before its subproject can load`, junction.kindAt, 'Cairn loads junctions whose one source is `kind: local`; fetched junctions (git, tar) come with `cairn fetch`');
        }
        const sourcePath = getString(first, 'path') ?? '.';
        const config = getMapping(junction.node, 'config');
        const subdir = config ? getString(config, 'path') ?? '' : '';
        const directory = external_node_path_default().resolve(this.project.directory, sourcePath, subdir);
        if (!directory.startsWith(this.project.directory)) {
            throw new CairnError('invalid-path', `junction '${junction.name}' points outside the project`, junction.kindAt);
        }
        return directory;
    }
}
/** Where names given on the command line come from, for errors about them. */
const COMMAND_LINE = Object.freeze({ file: '<command line>', line: 0, column: 0 });
/** Loads the targets and everything they depend on. */
function loadElements(project, targetNames) {
    const loaders = [];
    const owners = new Map();
    const state = {
        all: [],
        pending: [],
        loaders,
        loaderOf(element) {
            let loader = owners.get(element.project);
            if (!loader) {
                loader = loaders.find((candidate) => candidate.project === element.project);
                owners.set(element.project, loader);
            }
            return loader;
        },
    };
    const root = new ProjectLoader(project, '', state);
    loaders.push(root);
    const drain = () => {
        // A work list, not recursion: a chain of 100,000 elements loads like a flat project.
        while (state.pending.length > 0) {
            const { element, loader } = state.pending.pop();
            loader.resolveDependencies(element);
        }
    };
    const targets = targetNames.map((name) => {
        const element = root.followLinks(root.element(name, undefined), COMMAND_LINE);
        drain();
        return element;
    });
    drain();
    detectCycles(state.all);
    return {
        project,
        get projects() {
            return loaders.map((loader) => loader.project);
        },
        targets,
        elements: state.all,
        lookup(name, at) {
            const before = state.all.length;
            const element = root.followLinks(root.element(name, at), at ?? COMMAND_LINE);
            drain();
            if (state.all.length > before)
                detectCycles(state.all);
            return element;
        },
    };
}
/** A dependency cycle is an error that prints every element in the loop. */
function detectCycles(elements) {
    const state = new Uint8Array(elements.length); // 0 new, 1 on the path, 2 done
    for (const start of elements) {
        if (state[start.index] !== 0)
            continue;
        const path = [start];
        const next = [0];
        state[start.index] = 1;
        while (path.length > 0) {
            const top = path[path.length - 1];
            const i = next[next.length - 1];
            if (i >= top.dependencies.length) {
                state[top.index] = 2;
                path.pop();
                next.pop();
                continue;
            }
            next[next.length - 1] = i + 1;
            const dependency = top.dependencies[i];
            const child = dependency.element;
            if (state[child.index] === 1) {
                const loop = path.slice(path.indexOf(child)).map((e) => e.fullName);
                throw new CairnError('circular-dependency', `dependency cycle: ${[...loop, child.fullName].join(' -> ')}`, dependency.at);
            }
            if (state[child.index] === 0) {
                state[child.index] = 1;
                path.push(child);
                next.push(0);
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/engine/pipeline.ts
// The engine's first stages as one call: load the project and the targets' graph, sort it,
// compose every element and compute its keys. Front ends (CLI, action) call this and render
// the result; nothing here prints, fetches or builds.














async function loadPipeline(options) {
    const directory = findProjectDirectory(options.directory);
    const project = loadProject(directory, {
        ...(options.cliOptions ? { cliOptions: options.cliOptions } : {}),
        ...(options.maxJobs !== undefined ? { maxJobs: options.maxJobs } : {}),
    });
    await project.plugins.loadLocal();
    const targetNames = options.targets.length > 0 ? options.targets : defaultTargets(project);
    const graph = loadElements(project, targetNames);
    // Subprojects may bring local plugins of their own.
    for (const sub of graph.projects)
        await sub.plugins.loadLocal();
    sortDependencies(graph.elements);
    const strict = options.strict ?? true;
    const scopes = new BuildScopes(graph.elements);
    const keyer = new Keyer(strict, scopes, graph.elements);
    // Every element is composed and checked at load, as BuildStream does, whatever is shown.
    for (const target of graph.targets)
        keyer.keyed(target);
    return {
        project,
        targets: graph.targets,
        strict,
        keyed: (element) => keyer.keyed(element),
        scope(scope) {
            if (scope === 'none')
                return [...new Set(graph.targets)];
            return dependenciesOf(graph.targets, scope);
        },
        lookup: (name) => graph.lookup(name),
        buildScope: (element) => Array.from(scopes.of(element), (index) => graph.elements[index]),
    };
}
/** Without targets: project.conf's `defaults: targets:`, else every element file, as BuildStream does. */
function defaultTargets(project) {
    if (project.defaultTargets.length > 0)
        return [...project.defaultTargets];
    const found = [];
    const walk = (relative) => {
        for (const entry of external_node_fs_default().readdirSync(external_node_path_default().join(project.elementPath, relative), { withFileTypes: true })) {
            const name = relative ? `${relative}/${entry.name}` : entry.name;
            if (entry.isDirectory())
                walk(name);
            else if (entry.name.endsWith('.bst'))
                found.push(name);
        }
    };
    walk('');
    if (found.length === 0)
        throw new CairnError('invalid-argument', `no targets given, and no .bst files under ${project.elementPath}`);
    return found.sort();
}
/** Composes and keys elements on demand, dependencies first, each once. */
class Keyer {
    strict;
    scopes;
    composer = new ElementComposer();
    done = new Map();
    platform = hostPlatform();
    /** Each keyed element's entries in its dependents' key lists, serialised once. */
    tuples;
    constructor(strict, scopes, elements) {
        this.strict = strict;
        this.scopes = scopes;
        this.tuples = new Array(elements.length);
    }
    keyed(target) {
        const known = this.done.get(target);
        if (known)
            return known;
        // Dependencies first, without recursion, never descending into what is already keyed.
        const stack = [[target, 0]];
        while (stack.length > 0) {
            const frame = stack[stack.length - 1];
            const [element, i] = frame;
            if (i < element.dependencies.length) {
                frame[1] = i + 1;
                const child = element.dependencies[i].element;
                if (!this.done.has(child))
                    stack.push([child, 0]);
                continue;
            }
            stack.pop();
            if (!this.done.has(element))
                this.done.set(element, this.key(element));
        }
        return this.done.get(target);
    }
    key(element) {
        const dependencies = element.dependencies.map((d) => ({
            name: d.element.name,
            fullName: d.element.fullName,
            path: d.path,
            type: d.type,
            configs: d.configs,
            at: d.at,
        }));
        const composed = this.composer.compose(element, dependencies);
        const resolved = composed.sources.every((source) => source.plugin.isResolved(source.view));
        const sourcesLocal = composed.sources.every((source) => !source.plugin.needsFetch);
        const unkeyed = { loaded: element, composed, keys: undefined, resolved, sourcesLocal };
        if (!resolved || element.kind === 'junction')
            return unkeyed;
        const scope = this.scopes.of(element);
        const tuples = this.tuples;
        for (const index of scope)
            if (!tuples[index])
                return unkeyed;
        const template = new KeyTemplate(keyBase(this.ingredients(composed)));
        const strictDeps = new Set(element.dependencies.filter((d) => d.strict).map((d) => d.element.index));
        const weakByKey = composed.plugin.strictRebuild;
        // One concatenation per key: V8 joins these as ropes and flattens once when hashing.
        let weakList = '';
        let strictList = '';
        for (let i = 0; i < scope.length; i++) {
            const index = scope[i];
            const tuple = tuples[index];
            const separator = i === 0 ? '' : ',';
            weakList += separator + (weakByKey || strictDeps.has(index) ? tuple.withWeak : tuple.name);
            strictList += separator + tuple.withStrict;
        }
        const weak = template.key(weakList);
        const strictKey = template.key(strictList, weak);
        const project = element.project.name;
        tuples[element.index] = {
            name: canonicalJson([project, element.name]),
            withWeak: canonicalJson([project, element.name, weak]),
            withStrict: canonicalJson([project, element.name, strictKey]),
        };
        return { loaded: element, composed, keys: { weak, strict: strictKey, strong: this.strict ? strictKey : undefined }, resolved, sourcesLocal };
    }
    ingredients(composed) {
        const runsCommands = composed.plugin.runsCommands(composed.view);
        const nocache = new Set(composed.environmentNocache);
        const environment = {};
        for (const [name, value] of composed.environment.entries)
            if (!nocache.has(name))
                environment[name] = toPlain(value);
        return {
            buildRoot: composed.variables.get('build-root') ?? '',
            pluginKey: composed.plugin.uniqueKey(composed.view),
            kind: composed.loaded.kind,
            pluginVersion: composed.plugin.artifactVersion,
            public: toPlain(composed.public),
            sources: composed.sources.map((source) => {
                const entry = { key: source.plugin.uniqueKey(source.view), name: source.kind };
                if (source.view.directory)
                    entry['directory'] = source.view.directory;
                return entry;
            }),
            fatalWarnings: composed.loaded.project.fatalWarnings,
            ...(runsCommands ? { sandbox: this.sandboxKey(composed), environment } : {}),
        };
    }
    /** The sandbox part of a key: build OS and arch always, uid/gid and the REAPI socket only when set. */
    sandboxKey(composed) {
        const sandbox = composed.sandbox;
        const os = getString(sandbox, 'build-os');
        const arch = getString(sandbox, 'build-arch');
        const canonical = arch ? canonicalArch(arch) : canonicalArch(this.platform.arch);
        if (arch && !canonical)
            throw new CairnError('invalid-data', `unknown build-arch '${arch}'`, sandbox.get('build-arch').at);
        const result = { 'build-os': (os ?? this.platform.os).toLowerCase(), 'build-arch': canonical ?? this.platform.arch };
        for (const id of ['build-uid', 'build-gid']) {
            const text = getString(sandbox, id);
            if (text === undefined)
                continue;
            if (!/^-?\d+$/.test(text))
                throw new CairnError('invalid-data', `'${id}' must be a whole number, not '${text}'`, sandbox.get(id).at);
            result[id] = Number(text);
        }
        const socket = sandbox.get('remote-apis-socket');
        if (socket?.kind === 'mapping') {
            const entry = { path: getString(socket, 'path') ?? '' };
            const update = getString(socket, 'action-cache-enable-update');
            if (update === 'True' || update === 'true' || update === '1')
                entry['action-cache-enable-update'] = true;
            result['remote-apis-socket'] = entry;
        }
        return result;
    }
}

;// CONCATENATED MODULE: ./src/cli/context.ts
// What every command shares: the global options, the user configuration, the artifact cache
// and loading the project. Commands stay thin: parse, call the engine, render.







const GLOBAL_OPTIONS = [
    { name: 'directory', short: 'C', values: 1 },
    { name: 'config', short: 'c', values: 1 },
    { name: 'cache-dir', values: 1 },
    { name: 'option', short: 'o', values: 2, repeat: true },
    { name: 'strict', values: 0 },
    { name: 'no-strict', values: 0 },
    { name: 'max-jobs', values: 1 },
    { name: 'builders', values: 1 },
    { name: 'fetchers', values: 1 },
    { name: 'on-error', values: 1, choices: ['quit', 'continue', 'terminate'] },
    { name: 'debug', values: 0 },
    { name: 'version', values: 0 },
    { name: 'help', short: 'h', values: 0 },
];
class CommandContext {
    global;
    parsed;
    io;
    artifactStyle;
    configCache;
    cacheCache;
    constructor(global, parsed, io, 
    /** Whether `--directory` after the command is the command's own (artifact checkout), not the project. */
    artifactStyle = false) {
        this.global = global;
        this.parsed = parsed;
        this.io = io;
        this.artifactStyle = artifactStyle;
    }
    /** A flag's value given after the command, else before it. */
    pick(name) {
        return one(this.parsed, name) ?? one(this.global, name);
    }
    flag(name) {
        return has(this.parsed, name) || has(this.global, name);
    }
    positiveNumber(name) {
        const text = this.pick(name);
        if (text === undefined)
            return undefined;
        if (!/^[1-9]\d*$/.test(text))
            throw new UsageError(`--${name} takes a positive number, not '${text}'`);
        return Number(text);
    }
    get userConfig() {
        if (!this.configCache) {
            const file = this.pick('config');
            const config = readUserConfig({ ...(file !== undefined ? { file } : {}), env: this.io.env });
            const cacheDir = this.pick('cache-dir');
            this.configCache = cacheDir ? overrideCacheDir(config, cacheDir, this.io.cwd) : config;
        }
        return this.configCache;
    }
    get cache() {
        this.cacheCache ??= new ArtifactCache(this.userConfig.cacheDirectory);
        return this.cacheCache;
    }
    async loadGraph(targets) {
        const options = [...(this.global.flags.get('option') ?? []), ...(this.parsed.flags.get('option') ?? [])].map(([name, value]) => [name, value]);
        const maxJobs = this.positiveNumber('max-jobs') ?? this.userConfig.maxJobs;
        return loadPipeline({
            // After `artifact`, --directory names the checkout directory and the project is -C.
            directory: (this.parsed.flags.has('project-directory') || this.artifactStyle ? one(this.parsed, 'project-directory') ?? one(this.global, 'directory') : this.pick('directory')) ?? this.io.cwd,
            targets,
            cliOptions: options,
            strict: !this.flag('no-strict'),
            ...(maxJobs !== undefined ? { maxJobs } : {}),
        });
    }
    artifactState(graph) {
        return (keyed) => {
            const record = lookupArtifact(this.cache, keyed, graph.strict, false);
            if (!record)
                return undefined;
            return record.result.success ? 'cached' : 'failed';
        };
    }
    /**
     * The cached artifact of an element, or a clear error. A failed build's artifact holds only
     * its log, so whatever needs files asks for `success`.
     */
    requireArtifact(graph, element, need = 'any') {
        const keyed = graph.keyed(element);
        const record = lookupArtifact(this.cache, keyed, graph.strict);
        if (!record) {
            throw new CairnError('artifact-missing', `${element.fullName} is not cached (no artifact under its key)`, element.kindAt, `build it first: cairn build ${element.fullName}`);
        }
        if (need === 'success' && !record.result.success) {
            throw new CairnError('artifact-missing', `${element.fullName} failed to build; its artifact holds only the build log`, element.kindAt, `see cairn artifact log ${element.fullName}`);
        }
        return record;
    }
}
function overrideCacheDir(config, cacheDir, cwd) {
    const absolute = cacheDir.startsWith('/') ? cacheDir : `${cwd}/${cacheDir}`;
    return { ...config, cacheDirectory: absolute, logDirectory: `${absolute}/logs`, sourceDirectory: `${absolute}/sources` };
}
function defaultIO() {
    return { out: (external_node_process_default()).stdout, err: (external_node_process_default()).stderr, env: (external_node_process_default()).env, cwd: external_node_process_default().cwd(), tty: (external_node_process_default()).stdout.isTTY === true };
}

;// CONCATENATED MODULE: ./src/cli/main.ts
// The `cairn` command line: parses arguments, calls the engine, prints results. A user error
// is one line with its file, line and column, and exit status 255 (as BuildStream); a usage
// error exits 2. `--debug` adds the stack trace.








const VERSION = '0.1.0';
const USAGE = `usage: cairn [GLOBAL OPTIONS] COMMAND [ARGS]

Commands:
  show [--deps none|run|build|all|plan] [--except ELEMENT]... [--format FORMAT] [--order stage|alpha] TARGET...
      List elements with their cache keys and states (cached, failed, buildable, waiting, fetch
      needed, no reference, junction). Placeholders: %{name} %{kind} %{key} %{full-key} %{state}
      %{description} %{config} %{vars} %{env} %{public} %{deps} %{build-deps} %{runtime-deps},
      each with an optional format spec such as %{state: >12}.
  build [--retry-failed] TARGET...
      Build the targets and whatever they need that is not cached.
  artifact checkout [--deps none|run|build|all] [--hardlinks] [--integrate] [--tar FILE | --directory DIR] ELEMENT
  artifact log ELEMENT...            print the build log of cached artifacts
  artifact list-contents [--long] ELEMENT...
  artifact delete ELEMENT...         remove artifacts from the local cache
  shell [--build] ELEMENT [-- COMMAND...]
      A shell (or one command) in a sandbox with the element's run scope staged; --build stages
      what its build would, plus its sources.
  cache check [--repair]             re-hash every object of the cache, report (and remove) corrupt ones

Global options (before or after the command):
  -C, --directory DIR    the project directory (default: search upwards from here)
  -c, --config FILE      user configuration (default: $XDG_CONFIG_HOME/cairn.conf)
  --cache-dir DIR        the cache directory (default: $XDG_CACHE_HOME/cairn)
  -o, --option NAME VALUE  set a project option (repeatable)
  --no-strict            non-strict mode: weak keys; strong keys unknown until built
  --max-jobs N           the value of %{max-jobs}
  --builders N           build at most N elements at once (default: the number of cores)
  --fetchers N           fetch at most N sources at once (default: 10)
  --on-error quit|continue|terminate   what a failure does to the rest of the build (default: quit)
  --debug                show stack traces of internal errors
`;
const COMMANDS = {
    show: { options: SHOW_OPTIONS, run: (c) => showCommand(c) },
    build: { options: BUILD_OPTIONS, run: (c) => buildCommand(c) },
    // After `artifact`, --directory is the checkout directory; the project is -C.
    artifact: {
        options: [...GLOBAL_OPTIONS.filter((o) => o.name !== 'directory'), { name: 'project-directory', short: 'C', values: 1 }, ...ARTIFACT_OPTIONS],
        run: (c) => artifactCommand(c),
    },
    shell: { options: SHELL_OPTIONS, run: (c, command) => shellCommand(c, command) },
    cache: { options: CACHE_OPTIONS, run: (c) => cacheCommand(c) },
};
async function main(argv, io = {}) {
    const fullIO = { ...defaultIO(), ...io };
    let debug = argv.includes('--debug');
    try {
        const global = parseArgs(argv, GLOBAL_OPTIONS, true);
        debug = has(global, 'debug');
        if (has(global, 'version')) {
            fullIO.out.write(`cairn ${VERSION}\n`);
            return 0;
        }
        const [name, ...rest] = global.rest;
        if (!name || has(global, 'help')) {
            fullIO.out.write(USAGE);
            return name || has(global, 'help') ? 0 : 2;
        }
        const command = COMMANDS[name];
        if (!command)
            throw new UsageError(`unknown command '${name}' (commands: ${Object.keys(COMMANDS).join(', ')})`);
        // Everything after `--` is a command for the sandbox (cairn shell), not options.
        const dashes = rest.indexOf('--');
        const own = dashes >= 0 ? rest.slice(0, dashes) : rest;
        const afterDashes = dashes >= 0 ? rest.slice(dashes + 1) : [];
        const specs = name === 'artifact' ? command.options : [...GLOBAL_OPTIONS, ...command.options];
        const parsed = parseArgs(own, specs);
        debug ||= has(parsed, 'debug');
        if (has(parsed, 'help')) {
            fullIO.out.write(USAGE);
            return 0;
        }
        return await command.run(new CommandContext(global, parsed, fullIO, name === 'artifact'), afterDashes);
    }
    catch (error) {
        if (error instanceof UsageError) {
            fullIO.err.write(`cairn: ${error.message}\n${USAGE}`);
            return 2;
        }
        if (error instanceof CairnError) {
            fullIO.err.write(`error: ${error.describe()}\n`);
            if (debug)
                fullIO.err.write(`${error.stack ?? ''}\n`);
            return 255;
        }
        fullIO.err.write(`cairn: internal error: ${error.message}\n`);
        if (debug)
            fullIO.err.write(`${error.stack ?? ''}\n`);
        else
            fullIO.err.write('(run again with --debug for the stack trace, and please report it)\n');
        return 70;
    }
}


/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveBlockMap = __nccwpck_require__(7103);
var resolveBlockSeq = __nccwpck_require__(334);
var resolveFlowCollection = __nccwpck_require__(3142);

function resolveCollection(CN, ctx, token, onError, tagName, tag) {
    const coll = token.type === 'block-map'
        ? resolveBlockMap.resolveBlockMap(CN, ctx, token, onError, tag)
        : token.type === 'block-seq'
            ? resolveBlockSeq.resolveBlockSeq(CN, ctx, token, onError, tag)
            : resolveFlowCollection.resolveFlowCollection(CN, ctx, token, onError, tag);
    const Coll = coll.constructor;
    // If we got a tagName matching the class, or the tag name is '!',
    // then use the tagName from the node class used to create it.
    if (tagName === '!' || tagName === Coll.tagName) {
        coll.tag = Coll.tagName;
        return coll;
    }
    if (tagName)
        coll.tag = tagName;
    return coll;
}
function composeCollection(CN, ctx, token, props, onError) {
    const tagToken = props.tag;
    const tagName = !tagToken
        ? null
        : ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg));
    if (token.type === 'block-seq') {
        const { anchor, newlineAfterProp: nl } = props;
        const lastProp = anchor && tagToken
            ? anchor.offset > tagToken.offset
                ? anchor
                : tagToken
            : (anchor ?? tagToken);
        if (lastProp && (!nl || nl.offset < lastProp.offset)) {
            const message = 'Missing newline after block sequence props';
            onError(lastProp, 'MISSING_CHAR', message);
        }
    }
    const expType = token.type === 'block-map'
        ? 'map'
        : token.type === 'block-seq'
            ? 'seq'
            : token.start.source === '{'
                ? 'map'
                : 'seq';
    // shortcut: check if it's a generic YAMLMap or YAMLSeq
    // before jumping into the custom tag logic.
    if (!tagToken ||
        !tagName ||
        tagName === '!' ||
        (tagName === YAMLMap.YAMLMap.tagName && expType === 'map') ||
        (tagName === YAMLSeq.YAMLSeq.tagName && expType === 'seq')) {
        return resolveCollection(CN, ctx, token, onError, tagName);
    }
    let tag = ctx.schema.tags.find(t => t.tag === tagName && t.collection === expType);
    if (!tag) {
        const kt = ctx.schema.knownTags[tagName];
        if (kt?.collection === expType) {
            ctx.schema.tags.push(Object.assign({}, kt, { default: false }));
            tag = kt;
        }
        else {
            if (kt) {
                onError(tagToken, 'BAD_COLLECTION_TYPE', `${kt.tag} used for ${expType} collection, but expects ${kt.collection ?? 'scalar'}`, true);
            }
            else {
                onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, true);
            }
            return resolveCollection(CN, ctx, token, onError, tagName);
        }
    }
    const coll = resolveCollection(CN, ctx, token, onError, tagName, tag);
    const res = tag.resolve?.(coll, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg), ctx.options) ?? coll;
    const node = identity.isNode(res)
        ? res
        : new Scalar.Scalar(res);
    node.range = coll.range;
    node.tag = tagName;
    if (tag?.format)
        node.format = tag.format;
    return node;
}

exports.composeCollection = composeCollection;


/***/ }),

/***/ 3683:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Document = __nccwpck_require__(3021);
var composeNode = __nccwpck_require__(5937);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);

function composeDoc(options, directives, { offset, start, value, end }, onError) {
    const opts = Object.assign({ _directives: directives }, options);
    const doc = new Document.Document(undefined, opts);
    const ctx = {
        atKey: false,
        atRoot: true,
        directives: doc.directives,
        options: doc.options,
        schema: doc.schema
    };
    const props = resolveProps.resolveProps(start, {
        indicator: 'doc-start',
        next: value ?? end?.[0],
        offset,
        onError,
        parentIndent: 0,
        startOnNewline: true
    });
    if (props.found) {
        doc.directives.docStart = true;
        if (value &&
            (value.type === 'block-map' || value.type === 'block-seq') &&
            !props.hasNewline)
            onError(props.end, 'MISSING_CHAR', 'Block collection cannot start on same line with directives-end marker');
    }
    // @ts-expect-error If Contents is set, let's trust the user
    doc.contents = value
        ? composeNode.composeNode(ctx, value, props, onError)
        : composeNode.composeEmptyNode(ctx, props.end, start, null, props, onError);
    const contentEnd = doc.contents.range[2];
    const re = resolveEnd.resolveEnd(end, contentEnd, false, onError);
    if (re.comment)
        doc.comment = re.comment;
    doc.range = [offset, contentEnd, re.offset];
    return doc;
}

exports.composeDoc = composeDoc;


/***/ }),

/***/ 5937:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var composeCollection = __nccwpck_require__(7349);
var composeScalar = __nccwpck_require__(5413);
var resolveEnd = __nccwpck_require__(7788);
var utilEmptyScalarPosition = __nccwpck_require__(2599);

const CN = { composeNode, composeEmptyNode };
function composeNode(ctx, token, props, onError) {
    const atKey = ctx.atKey;
    const { spaceBefore, comment, anchor, tag } = props;
    let node;
    let isSrcToken = true;
    switch (token.type) {
        case 'alias':
            node = composeAlias(ctx, token, onError);
            if (anchor || tag)
                onError(token, 'ALIAS_PROPS', 'An alias node must not specify any properties');
            break;
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'block-scalar':
            node = composeScalar.composeScalar(ctx, token, tag, onError);
            if (anchor)
                node.anchor = anchor.source.substring(1);
            break;
        case 'block-map':
        case 'block-seq':
        case 'flow-collection':
            try {
                node = composeCollection.composeCollection(CN, ctx, token, props, onError);
                if (anchor)
                    node.anchor = anchor.source.substring(1);
            }
            catch (error) {
                // Almost certainly here due to a stack overflow
                const message = error instanceof Error ? error.message : String(error);
                onError(token, 'RESOURCE_EXHAUSTION', message);
            }
            break;
        default: {
            const message = token.type === 'error'
                ? token.message
                : `Unsupported token (type: ${token.type})`;
            onError(token, 'UNEXPECTED_TOKEN', message);
            isSrcToken = false;
        }
    }
    node ?? (node = composeEmptyNode(ctx, token.offset, undefined, null, props, onError));
    if (anchor && node.anchor === '')
        onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    if (atKey &&
        ctx.options.stringKeys &&
        (!identity.isScalar(node) ||
            typeof node.value !== 'string' ||
            (node.tag && node.tag !== 'tag:yaml.org,2002:str'))) {
        const msg = 'With stringKeys, all keys must be strings';
        onError(tag ?? token, 'NON_STRING_KEY', msg);
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        if (token.type === 'scalar' && token.source === '')
            node.comment = comment;
        else
            node.commentBefore = comment;
    }
    // @ts-expect-error Type checking misses meaning of isSrcToken
    if (ctx.options.keepSourceTokens && isSrcToken)
        node.srcToken = token;
    return node;
}
function composeEmptyNode(ctx, offset, before, pos, { spaceBefore, comment, anchor, tag, end }, onError) {
    const token = {
        type: 'scalar',
        offset: utilEmptyScalarPosition.emptyScalarPosition(offset, before, pos),
        indent: -1,
        source: ''
    };
    const node = composeScalar.composeScalar(ctx, token, tag, onError);
    if (anchor) {
        node.anchor = anchor.source.substring(1);
        if (node.anchor === '')
            onError(anchor, 'BAD_ALIAS', 'Anchor cannot be an empty string');
    }
    if (spaceBefore)
        node.spaceBefore = true;
    if (comment) {
        node.comment = comment;
        node.range[2] = end;
    }
    return node;
}
function composeAlias({ options }, { offset, source, end }, onError) {
    const alias = new Alias.Alias(source.substring(1));
    if (alias.source === '')
        onError(offset, 'BAD_ALIAS', 'Alias cannot be an empty string');
    if (alias.source.endsWith(':'))
        onError(offset + source.length - 1, 'BAD_ALIAS', 'Alias ending in : is ambiguous', true);
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, options.strict, onError);
    alias.range = [offset, valueEnd, re.offset];
    if (re.comment)
        alias.comment = re.comment;
    return alias;
}

exports.composeEmptyNode = composeEmptyNode;
exports.composeNode = composeNode;


/***/ }),

/***/ 5413:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);

function composeScalar(ctx, token, tagToken, onError) {
    const { value, type, comment, range } = token.type === 'block-scalar'
        ? resolveBlockScalar.resolveBlockScalar(ctx, token, onError)
        : resolveFlowScalar.resolveFlowScalar(token, ctx.options.strict, onError);
    const tagName = tagToken
        ? ctx.directives.tagName(tagToken.source, msg => onError(tagToken, 'TAG_RESOLVE_FAILED', msg))
        : null;
    let tag;
    if (ctx.options.stringKeys && ctx.atKey) {
        tag = ctx.schema[identity.SCALAR];
    }
    else if (tagName)
        tag = findScalarTagByName(ctx.schema, value, tagName, tagToken, onError);
    else if (token.type === 'scalar')
        tag = findScalarTagByTest(ctx, value, token, onError);
    else
        tag = ctx.schema[identity.SCALAR];
    let scalar;
    try {
        const res = tag.resolve(value, msg => onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg), ctx.options);
        scalar = identity.isScalar(res) ? res : new Scalar.Scalar(res);
    }
    catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        onError(tagToken ?? token, 'TAG_RESOLVE_FAILED', msg);
        scalar = new Scalar.Scalar(value);
    }
    scalar.range = range;
    scalar.source = value;
    if (type)
        scalar.type = type;
    if (tagName)
        scalar.tag = tagName;
    if (tag.format)
        scalar.format = tag.format;
    if (comment)
        scalar.comment = comment;
    return scalar;
}
function findScalarTagByName(schema, value, tagName, tagToken, onError) {
    if (tagName === '!')
        return schema[identity.SCALAR]; // non-specific tag
    const matchWithTest = [];
    for (const tag of schema.tags) {
        if (!tag.collection && tag.tag === tagName) {
            if (tag.default && tag.test)
                matchWithTest.push(tag);
            else
                return tag;
        }
    }
    for (const tag of matchWithTest)
        if (tag.test?.test(value))
            return tag;
    const kt = schema.knownTags[tagName];
    if (kt && !kt.collection) {
        // Ensure that the known tag is available for stringifying,
        // but does not get used by default.
        schema.tags.push(Object.assign({}, kt, { default: false, test: undefined }));
        return kt;
    }
    onError(tagToken, 'TAG_RESOLVE_FAILED', `Unresolved tag: ${tagName}`, tagName !== 'tag:yaml.org,2002:str');
    return schema[identity.SCALAR];
}
function findScalarTagByTest({ atKey, directives, schema }, value, token, onError) {
    const tag = schema.tags.find(tag => (tag.default === true || (atKey && tag.default === 'key')) &&
        tag.test?.test(value)) || schema[identity.SCALAR];
    if (schema.compat) {
        const compat = schema.compat.find(tag => tag.default && tag.test?.test(value)) ??
            schema[identity.SCALAR];
        if (tag.tag !== compat.tag) {
            const ts = directives.tagString(tag.tag);
            const cs = directives.tagString(compat.tag);
            const msg = `Value may be parsed as either ${ts} or ${cs}`;
            onError(token, 'TAG_RESOLVE_FAILED', msg, true);
        }
    }
    return tag;
}

exports.composeScalar = composeScalar;


/***/ }),

/***/ 9984:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var directives = __nccwpck_require__(1342);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var identity = __nccwpck_require__(1127);
var composeDoc = __nccwpck_require__(3683);
var resolveEnd = __nccwpck_require__(7788);

function getErrorPos(src) {
    if (typeof src === 'number')
        return [src, src + 1];
    if (Array.isArray(src))
        return src.length === 2 ? src : [src[0], src[1]];
    const { offset, source } = src;
    return [offset, offset + (typeof source === 'string' ? source.length : 1)];
}
function parsePrelude(prelude) {
    let comment = '';
    let atComment = false;
    let afterEmptyLine = false;
    for (let i = 0; i < prelude.length; ++i) {
        const source = prelude[i];
        switch (source[0]) {
            case '#':
                comment +=
                    (comment === '' ? '' : afterEmptyLine ? '\n\n' : '\n') +
                        (source.substring(1) || ' ');
                atComment = true;
                afterEmptyLine = false;
                break;
            case '%':
                if (prelude[i + 1]?.[0] !== '#')
                    i += 1;
                atComment = false;
                break;
            default:
                // This may be wrong after doc-end, but in that case it doesn't matter
                if (!atComment)
                    afterEmptyLine = true;
                atComment = false;
        }
    }
    return { comment, afterEmptyLine };
}
/**
 * Compose a stream of CST nodes into a stream of YAML Documents.
 *
 * ```ts
 * import { Composer, Parser } from 'yaml'
 *
 * const src: string = ...
 * const tokens = new Parser().parse(src)
 * const docs = new Composer().compose(tokens)
 * ```
 */
class Composer {
    constructor(options = {}) {
        this.doc = null;
        this.atDirectives = false;
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
        this.onError = (source, code, message, warning) => {
            const pos = getErrorPos(source);
            if (warning)
                this.warnings.push(new errors.YAMLWarning(pos, code, message));
            else
                this.errors.push(new errors.YAMLParseError(pos, code, message));
        };
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        this.directives = new directives.Directives({ version: options.version || '1.2' });
        this.options = options;
    }
    decorate(doc, afterDoc) {
        const { comment, afterEmptyLine } = parsePrelude(this.prelude);
        //console.log({ dc: doc.comment, prelude, comment })
        if (comment) {
            const dc = doc.contents;
            if (afterDoc) {
                doc.comment = doc.comment ? `${doc.comment}\n${comment}` : comment;
            }
            else if (afterEmptyLine || doc.directives.docStart || !dc) {
                doc.commentBefore = comment;
            }
            else if (identity.isCollection(dc) && !dc.flow && dc.items.length > 0) {
                let it = dc.items[0];
                if (identity.isPair(it))
                    it = it.key;
                const cb = it.commentBefore;
                it.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
            else {
                const cb = dc.commentBefore;
                dc.commentBefore = cb ? `${comment}\n${cb}` : comment;
            }
        }
        if (afterDoc) {
            for (let i = 0; i < this.errors.length; ++i)
                doc.errors.push(this.errors[i]);
            for (let i = 0; i < this.warnings.length; ++i)
                doc.warnings.push(this.warnings[i]);
        }
        else {
            doc.errors = this.errors;
            doc.warnings = this.warnings;
        }
        this.prelude = [];
        this.errors = [];
        this.warnings = [];
    }
    /**
     * Current stream status information.
     *
     * Mostly useful at the end of input for an empty stream.
     */
    streamInfo() {
        return {
            comment: parsePrelude(this.prelude).comment,
            directives: this.directives,
            errors: this.errors,
            warnings: this.warnings
        };
    }
    /**
     * Compose tokens into documents.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *compose(tokens, forceDoc = false, endOffset = -1) {
        for (const token of tokens)
            yield* this.next(token);
        yield* this.end(forceDoc, endOffset);
    }
    /** Advance the composer by one CST token. */
    *next(token) {
        if (node_process.env.LOG_STREAM)
            console.dir(token, { depth: null });
        switch (token.type) {
            case 'directive':
                this.directives.add(token.source, (offset, message, warning) => {
                    const pos = getErrorPos(token);
                    pos[0] += offset;
                    this.onError(pos, 'BAD_DIRECTIVE', message, warning);
                });
                this.prelude.push(token.source);
                this.atDirectives = true;
                break;
            case 'document': {
                const doc = composeDoc.composeDoc(this.options, this.directives, token, this.onError);
                if (this.atDirectives && !doc.directives.docStart)
                    this.onError(token, 'MISSING_CHAR', 'Missing directives-end/doc-start indicator line');
                this.decorate(doc, false);
                if (this.doc)
                    yield this.doc;
                this.doc = doc;
                this.atDirectives = false;
                break;
            }
            case 'byte-order-mark':
            case 'space':
                break;
            case 'comment':
            case 'newline':
                this.prelude.push(token.source);
                break;
            case 'error': {
                const msg = token.source
                    ? `${token.message}: ${JSON.stringify(token.source)}`
                    : token.message;
                const error = new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg);
                if (this.atDirectives || !this.doc)
                    this.errors.push(error);
                else
                    this.doc.errors.push(error);
                break;
            }
            case 'doc-end': {
                if (!this.doc) {
                    const msg = 'Unexpected doc-end without preceding document';
                    this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', msg));
                    break;
                }
                this.doc.directives.docEnd = true;
                const end = resolveEnd.resolveEnd(token.end, token.offset + token.source.length, this.doc.options.strict, this.onError);
                this.decorate(this.doc, true);
                if (end.comment) {
                    const dc = this.doc.comment;
                    this.doc.comment = dc ? `${dc}\n${end.comment}` : end.comment;
                }
                this.doc.range[2] = end.offset;
                break;
            }
            default:
                this.errors.push(new errors.YAMLParseError(getErrorPos(token), 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`));
        }
    }
    /**
     * Call at end of input to yield any remaining document.
     *
     * @param forceDoc - If the stream contains no document, still emit a final document including any comments and directives that would be applied to a subsequent document.
     * @param endOffset - Should be set if `forceDoc` is also set, to set the document range end and to indicate errors correctly.
     */
    *end(forceDoc = false, endOffset = -1) {
        if (this.doc) {
            this.decorate(this.doc, true);
            yield this.doc;
            this.doc = null;
        }
        else if (forceDoc) {
            const opts = Object.assign({ _directives: this.directives }, this.options);
            const doc = new Document.Document(undefined, opts);
            if (this.atDirectives)
                this.onError(endOffset, 'MISSING_CHAR', 'Missing directives-end indicator line');
            doc.range = [0, endOffset, endOffset];
            this.decorate(doc, false);
            yield doc;
        }
    }
}

exports.Composer = Composer;


/***/ }),

/***/ 7103:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilFlowIndentCheck = __nccwpck_require__(4051);
var utilMapIncludes = __nccwpck_require__(1187);

const startColMsg = 'All mapping items must start at the same column';
function resolveBlockMap({ composeNode, composeEmptyNode }, ctx, bm, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLMap.YAMLMap;
    const map = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    let offset = bm.offset;
    let commentEnd = null;
    for (const collItem of bm.items) {
        const { start, key, sep, value } = collItem;
        // key properties
        const keyProps = resolveProps.resolveProps(start, {
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: bm.indent,
            startOnNewline: true
        });
        const implicitKey = !keyProps.found;
        if (implicitKey) {
            if (key) {
                if (key.type === 'block-seq')
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'A block sequence may not be used as an implicit map key');
                else if ('indent' in key && key.indent !== bm.indent)
                    onError(offset, 'BAD_INDENT', startColMsg);
            }
            if (!keyProps.anchor && !keyProps.tag && !sep) {
                commentEnd = keyProps.end;
                if (keyProps.comment) {
                    if (map.comment)
                        map.comment += '\n' + keyProps.comment;
                    else
                        map.comment = keyProps.comment;
                }
                continue;
            }
            if (keyProps.newlineAfterProp || utilContainsNewline.containsNewline(key)) {
                onError(key ?? start[start.length - 1], 'MULTILINE_IMPLICIT_KEY', 'Implicit keys need to be on a single line');
            }
        }
        else if (keyProps.found?.indent !== bm.indent) {
            onError(offset, 'BAD_INDENT', startColMsg);
        }
        // key value
        ctx.atKey = true;
        const keyStart = keyProps.end;
        const keyNode = key
            ? composeNode(ctx, key, keyProps, onError)
            : composeEmptyNode(ctx, keyStart, start, null, keyProps, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bm.indent, key, onError);
        ctx.atKey = false;
        if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
            onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
        // value properties
        const valueProps = resolveProps.resolveProps(sep ?? [], {
            indicator: 'map-value-ind',
            next: value,
            offset: keyNode.range[2],
            onError,
            parentIndent: bm.indent,
            startOnNewline: !key || key.type === 'block-scalar'
        });
        offset = valueProps.end;
        if (valueProps.found) {
            if (implicitKey) {
                if (value?.type === 'block-map' && !valueProps.hasNewline)
                    onError(offset, 'BLOCK_AS_IMPLICIT_KEY', 'Nested mappings are not allowed in compact mappings');
                if (ctx.options.strict &&
                    keyProps.start < valueProps.found.offset - 1024)
                    onError(keyNode.range, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit block mapping key');
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : composeEmptyNode(ctx, offset, sep, null, valueProps, onError);
            if (ctx.schema.compat)
                utilFlowIndentCheck.flowIndentCheck(bm.indent, value, onError);
            offset = valueNode.range[2];
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
        else {
            // key with no value
            if (implicitKey)
                onError(keyNode.range, 'MISSING_CHAR', 'Implicit map keys need to be followed by map values');
            if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            map.items.push(pair);
        }
    }
    if (commentEnd && commentEnd < offset)
        onError(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
}

exports.resolveBlockMap = resolveBlockMap;


/***/ }),

/***/ 8913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function resolveBlockScalar(ctx, scalar, onError) {
    const start = scalar.offset;
    const header = parseBlockScalarHeader(scalar, ctx.options.strict, onError);
    if (!header)
        return { value: '', type: null, comment: '', range: [start, start, start] };
    const type = header.mode === '>' ? Scalar.Scalar.BLOCK_FOLDED : Scalar.Scalar.BLOCK_LITERAL;
    const lines = scalar.source ? splitLines(scalar.source) : [];
    // determine the end of content & start of chomping
    let chompStart = lines.length;
    for (let i = lines.length - 1; i >= 0; --i) {
        const content = lines[i][1];
        if (content === '' || content === '\r')
            chompStart = i;
        else
            break;
    }
    // shortcut for empty contents
    if (chompStart === 0) {
        const value = header.chomp === '+' && lines.length > 0
            ? '\n'.repeat(Math.max(1, lines.length - 1))
            : '';
        let end = start + header.length;
        if (scalar.source)
            end += scalar.source.length;
        return { value, type, comment: header.comment, range: [start, end, end] };
    }
    // find the indentation level to trim from start
    let trimIndent = scalar.indent + header.indent;
    let offset = scalar.offset + header.length;
    let contentStart = 0;
    for (let i = 0; i < chompStart; ++i) {
        const [indent, content] = lines[i];
        if (content === '' || content === '\r') {
            if (header.indent === 0 && indent.length > trimIndent)
                trimIndent = indent.length;
        }
        else {
            if (indent.length < trimIndent) {
                const message = 'Block scalars with more-indented leading empty lines must use an explicit indentation indicator';
                onError(offset + indent.length, 'MISSING_CHAR', message);
            }
            if (header.indent === 0)
                trimIndent = indent.length;
            contentStart = i;
            if (trimIndent === 0 && !ctx.atRoot) {
                const message = 'Block scalar values in collections must be indented';
                onError(offset, 'BAD_INDENT', message);
            }
            break;
        }
        offset += indent.length + content.length + 1;
    }
    // include trailing more-indented empty lines in content
    for (let i = lines.length - 1; i >= chompStart; --i) {
        if (lines[i][0].length > trimIndent)
            chompStart = i + 1;
    }
    let value = '';
    let sep = '';
    let prevMoreIndented = false;
    // leading whitespace is kept intact
    for (let i = 0; i < contentStart; ++i)
        value += lines[i][0].slice(trimIndent) + '\n';
    for (let i = contentStart; i < chompStart; ++i) {
        let [indent, content] = lines[i];
        offset += indent.length + content.length + 1;
        const crlf = content[content.length - 1] === '\r';
        if (crlf)
            content = content.slice(0, -1);
        /* istanbul ignore if already caught in lexer */
        if (content && indent.length < trimIndent) {
            const src = header.indent
                ? 'explicit indentation indicator'
                : 'first line';
            const message = `Block scalar lines must not be less indented than their ${src}`;
            onError(offset - content.length - (crlf ? 2 : 1), 'BAD_INDENT', message);
            indent = '';
        }
        if (type === Scalar.Scalar.BLOCK_LITERAL) {
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
        }
        else if (indent.length > trimIndent || content[0] === '\t') {
            // more-indented content within a folded block
            if (sep === ' ')
                sep = '\n';
            else if (!prevMoreIndented && sep === '\n')
                sep = '\n\n';
            value += sep + indent.slice(trimIndent) + content;
            sep = '\n';
            prevMoreIndented = true;
        }
        else if (content === '') {
            // empty line
            if (sep === '\n')
                value += '\n';
            else
                sep = '\n';
        }
        else {
            value += sep + content;
            sep = ' ';
            prevMoreIndented = false;
        }
    }
    switch (header.chomp) {
        case '-':
            break;
        case '+':
            for (let i = chompStart; i < lines.length; ++i)
                value += '\n' + lines[i][0].slice(trimIndent);
            if (value[value.length - 1] !== '\n')
                value += '\n';
            break;
        default:
            value += '\n';
    }
    const end = start + header.length + scalar.source.length;
    return { value, type, comment: header.comment, range: [start, end, end] };
}
function parseBlockScalarHeader({ offset, props }, strict, onError) {
    /* istanbul ignore if should not happen */
    if (props[0].type !== 'block-scalar-header') {
        onError(props[0], 'IMPOSSIBLE', 'Block scalar header not found');
        return null;
    }
    const { source } = props[0];
    const mode = source[0];
    let indent = 0;
    let chomp = '';
    let error = -1;
    for (let i = 1; i < source.length; ++i) {
        const ch = source[i];
        if (!chomp && (ch === '-' || ch === '+'))
            chomp = ch;
        else {
            const n = Number(ch);
            if (!indent && n)
                indent = n;
            else if (error === -1)
                error = offset + i;
        }
    }
    if (error !== -1)
        onError(error, 'UNEXPECTED_TOKEN', `Block scalar header includes extra characters: ${source}`);
    let hasSpace = false;
    let comment = '';
    let length = source.length;
    for (let i = 1; i < props.length; ++i) {
        const token = props[i];
        switch (token.type) {
            case 'space':
                hasSpace = true;
            // fallthrough
            case 'newline':
                length += token.source.length;
                break;
            case 'comment':
                if (strict && !hasSpace) {
                    const message = 'Comments must be separated from other tokens by white space characters';
                    onError(token, 'MISSING_CHAR', message);
                }
                length += token.source.length;
                comment = token.source.substring(1);
                break;
            case 'error':
                onError(token, 'UNEXPECTED_TOKEN', token.message);
                length += token.source.length;
                break;
            /* istanbul ignore next should not happen */
            default: {
                const message = `Unexpected token in block scalar header: ${token.type}`;
                onError(token, 'UNEXPECTED_TOKEN', message);
                const ts = token.source;
                if (ts && typeof ts === 'string')
                    length += ts.length;
            }
        }
    }
    return { mode, indent, chomp, comment, length };
}
/** @returns Array of lines split up as `[indent, content]` */
function splitLines(source) {
    const split = source.split(/\n( *)/);
    const first = split[0];
    const m = first.match(/^( *)/);
    const line0 = m?.[1]
        ? [m[1], first.slice(m[1].length)]
        : ['', first];
    const lines = [line0];
    for (let i = 1; i < split.length; i += 2)
        lines.push([split[i], split[i + 1]]);
    return lines;
}

exports.resolveBlockScalar = resolveBlockScalar;


/***/ }),

/***/ 334:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var YAMLSeq = __nccwpck_require__(2223);
var resolveProps = __nccwpck_require__(4631);
var utilFlowIndentCheck = __nccwpck_require__(4051);

function resolveBlockSeq({ composeNode, composeEmptyNode }, ctx, bs, onError, tag) {
    const NodeClass = tag?.nodeClass ?? YAMLSeq.YAMLSeq;
    const seq = new NodeClass(ctx.schema);
    if (ctx.atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = bs.offset;
    let commentEnd = null;
    for (const { start, value } of bs.items) {
        const props = resolveProps.resolveProps(start, {
            indicator: 'seq-item-ind',
            next: value,
            offset,
            onError,
            parentIndent: bs.indent,
            startOnNewline: true
        });
        if (!props.found) {
            if (props.anchor || props.tag || value) {
                if (value?.type === 'block-seq')
                    onError(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
                else
                    onError(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
            }
            else {
                commentEnd = props.end;
                if (props.comment)
                    seq.comment = props.comment;
                continue;
            }
        }
        const node = value
            ? composeNode(ctx, value, props, onError)
            : composeEmptyNode(ctx, props.end, start, null, props, onError);
        if (ctx.schema.compat)
            utilFlowIndentCheck.flowIndentCheck(bs.indent, value, onError);
        offset = node.range[2];
        seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
}

exports.resolveBlockSeq = resolveBlockSeq;


/***/ }),

/***/ 7788:
/***/ ((__unused_webpack_module, exports) => {



function resolveEnd(end, offset, reqSpace, onError) {
    let comment = '';
    if (end) {
        let hasSpace = false;
        let sep = '';
        for (const token of end) {
            const { source, type } = token;
            switch (type) {
                case 'space':
                    hasSpace = true;
                    break;
                case 'comment': {
                    if (reqSpace && !hasSpace)
                        onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                    const cb = source.substring(1) || ' ';
                    if (!comment)
                        comment = cb;
                    else
                        comment += sep + cb;
                    sep = '';
                    break;
                }
                case 'newline':
                    if (comment)
                        sep += source;
                    hasSpace = true;
                    break;
                default:
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${type} at node end`);
            }
            offset += source.length;
        }
    }
    return { comment, offset };
}

exports.resolveEnd = resolveEnd;


/***/ }),

/***/ 3142:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var resolveEnd = __nccwpck_require__(7788);
var resolveProps = __nccwpck_require__(4631);
var utilContainsNewline = __nccwpck_require__(9499);
var utilMapIncludes = __nccwpck_require__(1187);

const blockMsg = 'Block collections are not allowed within flow collections';
const isBlock = (token) => token && (token.type === 'block-map' || token.type === 'block-seq');
function resolveFlowCollection({ composeNode, composeEmptyNode }, ctx, fc, onError, tag) {
    const isMap = fc.start.source === '{';
    const fcName = isMap ? 'flow map' : 'flow sequence';
    const NodeClass = (tag?.nodeClass ?? (isMap ? YAMLMap.YAMLMap : YAMLSeq.YAMLSeq));
    const coll = new NodeClass(ctx.schema);
    coll.flow = true;
    const atRoot = ctx.atRoot;
    if (atRoot)
        ctx.atRoot = false;
    if (ctx.atKey)
        ctx.atKey = false;
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
        const collItem = fc.items[i];
        const { start, key, sep, value } = collItem;
        const props = resolveProps.resolveProps(start, {
            flow: fcName,
            indicator: 'explicit-key-ind',
            next: key ?? sep?.[0],
            offset,
            onError,
            parentIndent: fc.indent,
            startOnNewline: false
        });
        if (!props.found) {
            if (!props.anchor && !props.tag && !sep && !value) {
                if (i === 0 && props.comma)
                    onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
                else if (i < fc.items.length - 1)
                    onError(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${fcName}`);
                if (props.comment) {
                    if (coll.comment)
                        coll.comment += '\n' + props.comment;
                    else
                        coll.comment = props.comment;
                }
                offset = props.end;
                continue;
            }
            if (!isMap && ctx.options.strict && utilContainsNewline.containsNewline(key))
                onError(key, // checked by containsNewline()
                'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
        }
        if (i === 0) {
            if (props.comma)
                onError(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${fcName}`);
        }
        else {
            if (!props.comma)
                onError(props.start, 'MISSING_CHAR', `Missing , between ${fcName} items`);
            if (props.comment) {
                let prevItemComment = '';
                loop: for (const st of start) {
                    switch (st.type) {
                        case 'comma':
                        case 'space':
                            break;
                        case 'comment':
                            prevItemComment = st.source.substring(1);
                            break loop;
                        default:
                            break loop;
                    }
                }
                if (prevItemComment) {
                    let prev = coll.items[coll.items.length - 1];
                    if (identity.isPair(prev))
                        prev = prev.value ?? prev.key;
                    if (prev.comment)
                        prev.comment += '\n' + prevItemComment;
                    else
                        prev.comment = prevItemComment;
                    props.comment = props.comment.substring(prevItemComment.length + 1);
                }
            }
        }
        if (!isMap && !sep && !props.found) {
            // item is a value in a seq
            // → key & sep are empty, start does not include ? or :
            const valueNode = value
                ? composeNode(ctx, value, props, onError)
                : composeEmptyNode(ctx, props.end, sep, null, props, onError);
            coll.items.push(valueNode);
            offset = valueNode.range[2];
            if (isBlock(value))
                onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
        }
        else {
            // item is a key+value pair
            // key value
            ctx.atKey = true;
            const keyStart = props.end;
            const keyNode = key
                ? composeNode(ctx, key, props, onError)
                : composeEmptyNode(ctx, keyStart, start, null, props, onError);
            if (isBlock(key))
                onError(keyNode.range, 'BLOCK_IN_FLOW', blockMsg);
            ctx.atKey = false;
            // value properties
            const valueProps = resolveProps.resolveProps(sep ?? [], {
                flow: fcName,
                indicator: 'map-value-ind',
                next: value,
                offset: keyNode.range[2],
                onError,
                parentIndent: fc.indent,
                startOnNewline: false
            });
            if (valueProps.found) {
                if (!isMap && !props.found && ctx.options.strict) {
                    if (sep)
                        for (const st of sep) {
                            if (st === valueProps.found)
                                break;
                            if (st.type === 'newline') {
                                onError(st, 'MULTILINE_IMPLICIT_KEY', 'Implicit keys of flow sequence pairs need to be on a single line');
                                break;
                            }
                        }
                    if (props.start < valueProps.found.offset - 1024)
                        onError(valueProps.found, 'KEY_OVER_1024_CHARS', 'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key');
                }
            }
            else if (value) {
                if ('source' in value && value.source?.[0] === ':')
                    onError(value, 'MISSING_CHAR', `Missing space after : in ${fcName}`);
                else
                    onError(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${fcName} items`);
            }
            // value value
            const valueNode = value
                ? composeNode(ctx, value, valueProps, onError)
                : valueProps.found
                    ? composeEmptyNode(ctx, valueProps.end, sep, null, valueProps, onError)
                    : null;
            if (valueNode) {
                if (isBlock(value))
                    onError(valueNode.range, 'BLOCK_IN_FLOW', blockMsg);
            }
            else if (valueProps.comment) {
                if (keyNode.comment)
                    keyNode.comment += '\n' + valueProps.comment;
                else
                    keyNode.comment = valueProps.comment;
            }
            const pair = new Pair.Pair(keyNode, valueNode);
            if (ctx.options.keepSourceTokens)
                pair.srcToken = collItem;
            if (isMap) {
                const map = coll;
                if (utilMapIncludes.mapIncludes(ctx, map.items, keyNode))
                    onError(keyStart, 'DUPLICATE_KEY', 'Map keys must be unique');
                map.items.push(pair);
            }
            else {
                const map = new YAMLMap.YAMLMap(ctx.schema);
                map.flow = true;
                map.items.push(pair);
                const endRange = (valueNode ?? keyNode).range;
                map.range = [keyNode.range[0], endRange[1], endRange[2]];
                coll.items.push(map);
            }
            offset = valueNode ? valueNode.range[2] : valueProps.end;
        }
    }
    const expectedEnd = isMap ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd)
        cePos = ce.offset + ce.source.length;
    else {
        const name = fcName[0].toUpperCase() + fcName.substring(1);
        const msg = atRoot
            ? `${name} must end with a ${expectedEnd}`
            : `${name} in block collection must be sufficiently indented and end with a ${expectedEnd}`;
        onError(offset, atRoot ? 'MISSING_CHAR' : 'BAD_INDENT', msg);
        if (ce && ce.source.length !== 1)
            ee.unshift(ce);
    }
    if (ee.length > 0) {
        const end = resolveEnd.resolveEnd(ee, cePos, ctx.options.strict, onError);
        if (end.comment) {
            if (coll.comment)
                coll.comment += '\n' + end.comment;
            else
                coll.comment = end.comment;
        }
        coll.range = [fc.offset, cePos, end.offset];
    }
    else {
        coll.range = [fc.offset, cePos, cePos];
    }
    return coll;
}

exports.resolveFlowCollection = resolveFlowCollection;


/***/ }),

/***/ 6842:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var resolveEnd = __nccwpck_require__(7788);

function resolveFlowScalar(scalar, strict, onError) {
    const { offset, type, source, end } = scalar;
    let _type;
    let value;
    const _onError = (rel, code, msg) => onError(offset + rel, code, msg);
    switch (type) {
        case 'scalar':
            _type = Scalar.Scalar.PLAIN;
            value = plainValue(source, _onError);
            break;
        case 'single-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_SINGLE;
            value = singleQuotedValue(source, _onError);
            break;
        case 'double-quoted-scalar':
            _type = Scalar.Scalar.QUOTE_DOUBLE;
            value = doubleQuotedValue(source, _onError);
            break;
        /* istanbul ignore next should not happen */
        default:
            onError(scalar, 'UNEXPECTED_TOKEN', `Expected a flow scalar value, but found: ${type}`);
            return {
                value: '',
                type: null,
                comment: '',
                range: [offset, offset + source.length, offset + source.length]
            };
    }
    const valueEnd = offset + source.length;
    const re = resolveEnd.resolveEnd(end, valueEnd, strict, onError);
    return {
        value,
        type: _type,
        comment: re.comment,
        range: [offset, valueEnd, re.offset]
    };
}
function plainValue(source, onError) {
    let badChar = '';
    switch (source[0]) {
        /* istanbul ignore next should not happen */
        case '\t':
            badChar = 'a tab character';
            break;
        case ',':
            badChar = 'flow indicator character ,';
            break;
        case '%':
            badChar = 'directive indicator character %';
            break;
        case '|':
        case '>': {
            badChar = `block scalar indicator ${source[0]}`;
            break;
        }
        case '@':
        case '`': {
            badChar = `reserved character ${source[0]}`;
            break;
        }
    }
    if (badChar)
        onError(0, 'BAD_SCALAR_START', `Plain value cannot start with ${badChar}`);
    return unfoldLines(source);
}
function singleQuotedValue(source, onError) {
    if (source[source.length - 1] !== "'" || source.length === 1)
        onError(source.length, 'MISSING_CHAR', "Missing closing 'quote");
    return unfoldLines(source.slice(1, -1)).replace(/''/g, "'");
}
function unfoldLines(source) {
    const line = /(.*?)\r?\n/sy;
    let match = line.exec(source);
    if (!match)
        return source;
    /**
     * The negative lookbehinds in these RegExps are to
     * prevent causing a polynomial search time in certain cases.
     *
     * The try-catch is for Safari < 16.4 and other old browsers:
     * https://caniuse.com/js-regexp-lookbehind
     */
    let trimEnd, trimBoth;
    try {
        trimEnd = new RegExp('(?<![ \t])[ \t]+$');
        trimBoth = new RegExp('^[ \t]+|(?<![ \t])[ \t]+$', 'g');
    }
    catch {
        trimEnd = /[ \t]+$/;
        trimBoth = /^[ \t]+|[ \t]+$/g;
    }
    let res = match[1].replace(trimEnd, '');
    let sep = ' ';
    let pos = line.lastIndex;
    while ((match = line.exec(source))) {
        const lm = match[1].replace(trimBoth, '');
        if (lm === '') {
            if (sep === '\n')
                res += sep;
            else
                sep = '\n';
        }
        else {
            res += sep + lm;
            sep = ' ';
        }
        pos = line.lastIndex;
    }
    const last = /[ \t]*(.*)/sy;
    last.lastIndex = pos;
    match = last.exec(source);
    return res + sep + (match?.[1] ?? '');
}
function doubleQuotedValue(source, onError) {
    let res = '';
    for (let i = 1; i < source.length - 1; ++i) {
        const ch = source[i];
        if (ch === '\r' && source[i + 1] === '\n')
            continue;
        if (ch === '\n') {
            const { fold, offset } = foldNewline(source, i);
            res += fold;
            i = offset;
        }
        else if (ch === '\\') {
            let next = source[++i];
            const cc = escapeCodes[next];
            if (cc)
                res += cc;
            else if (next === '\n') {
                // skip escaped newlines, but still trim the following line
                next = source[i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === '\r' && source[i + 1] === '\n') {
                // skip escaped CRLF newlines, but still trim the following line
                next = source[++i + 1];
                while (next === ' ' || next === '\t')
                    next = source[++i + 1];
            }
            else if (next === 'x' || next === 'u' || next === 'U') {
                const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
                res += parseCharCode(source, i + 1, length, onError);
                i += length;
            }
            else {
                const raw = source.substr(i - 1, 2);
                onError(i - 1, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
                res += raw;
            }
        }
        else if (ch === ' ' || ch === '\t') {
            // trim trailing whitespace
            const wsStart = i;
            let next = source[i + 1];
            while (next === ' ' || next === '\t')
                next = source[++i + 1];
            if (next !== '\n' && !(next === '\r' && source[i + 2] === '\n'))
                res += i > wsStart ? source.slice(wsStart, i + 1) : ch;
        }
        else {
            res += ch;
        }
    }
    if (source[source.length - 1] !== '"' || source.length === 1)
        onError(source.length, 'MISSING_CHAR', 'Missing closing "quote');
    return res;
}
/**
 * Fold a single newline into a space, multiple newlines to N - 1 newlines.
 * Presumes `source[offset] === '\n'`
 */
function foldNewline(source, offset) {
    let fold = '';
    let ch = source[offset + 1];
    while (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (ch === '\r' && source[offset + 2] !== '\n')
            break;
        if (ch === '\n')
            fold += '\n';
        offset += 1;
        ch = source[offset + 1];
    }
    if (!fold)
        fold = ' ';
    return { fold, offset };
}
const escapeCodes = {
    '0': '\0', // null character
    a: '\x07', // bell character
    b: '\b', // backspace
    e: '\x1b', // escape character
    f: '\f', // form feed
    n: '\n', // line feed
    r: '\r', // carriage return
    t: '\t', // horizontal tab
    v: '\v', // vertical tab
    N: '\u0085', // Unicode next line
    _: '\u00a0', // Unicode non-breaking space
    L: '\u2028', // Unicode line separator
    P: '\u2029', // Unicode paragraph separator
    ' ': ' ',
    '"': '"',
    '/': '/',
    '\\': '\\',
    '\t': '\t'
};
function parseCharCode(source, offset, length, onError) {
    const cc = source.substr(offset, length);
    const ok = cc.length === length && /^[0-9a-fA-F]+$/.test(cc);
    const code = ok ? parseInt(cc, 16) : NaN;
    try {
        return String.fromCodePoint(code);
    }
    catch {
        const raw = source.substr(offset - 2, length + 2);
        onError(offset - 2, 'BAD_DQ_ESCAPE', `Invalid escape sequence ${raw}`);
        return raw;
    }
}

exports.resolveFlowScalar = resolveFlowScalar;


/***/ }),

/***/ 4631:
/***/ ((__unused_webpack_module, exports) => {



function resolveProps(tokens, { flow, indicator, next, offset, onError, parentIndent, startOnNewline }) {
    let spaceBefore = false;
    let atNewline = startOnNewline;
    let hasSpace = startOnNewline;
    let comment = '';
    let commentSep = '';
    let hasNewline = false;
    let reqSpace = false;
    let tab = null;
    let anchor = null;
    let tag = null;
    let newlineAfterProp = null;
    let comma = null;
    let found = null;
    let start = null;
    for (const token of tokens) {
        if (reqSpace) {
            if (token.type !== 'space' &&
                token.type !== 'newline' &&
                token.type !== 'comma')
                onError(token.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
            reqSpace = false;
        }
        if (tab) {
            if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
                onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
            }
            tab = null;
        }
        switch (token.type) {
            case 'space':
                // At the doc level, tabs at line start may be parsed
                // as leading white space rather than indentation.
                // In a flow collection, only the parser handles indent.
                if (!flow &&
                    (indicator !== 'doc-start' || next?.type !== 'flow-collection') &&
                    token.source.includes('\t')) {
                    tab = token;
                }
                hasSpace = true;
                break;
            case 'comment': {
                if (!hasSpace)
                    onError(token, 'MISSING_CHAR', 'Comments must be separated from other tokens by white space characters');
                const cb = token.source.substring(1) || ' ';
                if (!comment)
                    comment = cb;
                else
                    comment += commentSep + cb;
                commentSep = '';
                atNewline = false;
                break;
            }
            case 'newline':
                if (atNewline) {
                    if (comment)
                        comment += token.source;
                    else if (!found || indicator !== 'seq-item-ind')
                        spaceBefore = true;
                }
                else
                    commentSep += token.source;
                atNewline = true;
                hasNewline = true;
                if (anchor || tag)
                    newlineAfterProp = token;
                hasSpace = true;
                break;
            case 'anchor':
                if (anchor)
                    onError(token, 'MULTIPLE_ANCHORS', 'A node can have at most one anchor');
                if (token.source.endsWith(':'))
                    onError(token.offset + token.source.length - 1, 'BAD_ALIAS', 'Anchor ending in : is ambiguous', true);
                anchor = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            case 'tag': {
                if (tag)
                    onError(token, 'MULTIPLE_TAGS', 'A node can have at most one tag');
                tag = token;
                start ?? (start = token.offset);
                atNewline = false;
                hasSpace = false;
                reqSpace = true;
                break;
            }
            case indicator:
                // Could here handle preceding comments differently
                if (anchor || tag)
                    onError(token, 'BAD_PROP_ORDER', `Anchors and tags must be after the ${token.source} indicator`);
                if (found)
                    onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.source} in ${flow ?? 'collection'}`);
                found = token;
                atNewline =
                    indicator === 'seq-item-ind' || indicator === 'explicit-key-ind';
                hasSpace = false;
                break;
            case 'comma':
                if (flow) {
                    if (comma)
                        onError(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${flow}`);
                    comma = token;
                    atNewline = false;
                    hasSpace = false;
                    break;
                }
            // else fallthrough
            default:
                onError(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
                atNewline = false;
                hasSpace = false;
        }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : offset;
    if (reqSpace &&
        next &&
        next.type !== 'space' &&
        next.type !== 'newline' &&
        next.type !== 'comma' &&
        (next.type !== 'scalar' || next.source !== '')) {
        onError(next.offset, 'MISSING_CHAR', 'Tags and anchors must be separated from the next token by white space');
    }
    if (tab &&
        ((atNewline && tab.indent <= parentIndent) ||
            next?.type === 'block-map' ||
            next?.type === 'block-seq'))
        onError(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    return {
        comma,
        found,
        spaceBefore,
        comment,
        hasNewline,
        anchor,
        tag,
        newlineAfterProp,
        end,
        start: start ?? end
    };
}

exports.resolveProps = resolveProps;


/***/ }),

/***/ 9499:
/***/ ((__unused_webpack_module, exports) => {



function containsNewline(key) {
    if (!key)
        return null;
    switch (key.type) {
        case 'alias':
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            if (key.source.includes('\n'))
                return true;
            if (key.end)
                for (const st of key.end)
                    if (st.type === 'newline')
                        return true;
            return false;
        case 'flow-collection':
            for (const it of key.items) {
                for (const st of it.start)
                    if (st.type === 'newline')
                        return true;
                if (it.sep)
                    for (const st of it.sep)
                        if (st.type === 'newline')
                            return true;
                if (containsNewline(it.key) || containsNewline(it.value))
                    return true;
            }
            return false;
        default:
            return true;
    }
}

exports.containsNewline = containsNewline;


/***/ }),

/***/ 2599:
/***/ ((__unused_webpack_module, exports) => {



function emptyScalarPosition(offset, before, pos) {
    if (before) {
        pos ?? (pos = before.length);
        for (let i = pos - 1; i >= 0; --i) {
            let st = before[i];
            switch (st.type) {
                case 'space':
                case 'comment':
                case 'newline':
                    offset -= st.source.length;
                    continue;
            }
            // Technically, an empty scalar is immediately after the last non-empty
            // node, but it's more useful to place it after any whitespace.
            st = before[++i];
            while (st?.type === 'space') {
                offset += st.source.length;
                st = before[++i];
            }
            break;
        }
    }
    return offset;
}

exports.emptyScalarPosition = emptyScalarPosition;


/***/ }),

/***/ 4051:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var utilContainsNewline = __nccwpck_require__(9499);

function flowIndentCheck(indent, fc, onError) {
    if (fc?.type === 'flow-collection') {
        const end = fc.end[0];
        if (end.indent === indent &&
            (end.source === ']' || end.source === '}') &&
            utilContainsNewline.containsNewline(fc)) {
            const msg = 'Flow end indicator should be more indented than parent';
            onError(end, 'BAD_INDENT', msg, true);
        }
    }
}

exports.flowIndentCheck = flowIndentCheck;


/***/ }),

/***/ 1187:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

function mapIncludes(ctx, items, search) {
    const { uniqueKeys } = ctx.options;
    if (uniqueKeys === false)
        return false;
    const isEqual = typeof uniqueKeys === 'function'
        ? uniqueKeys
        : (a, b) => a === b || (identity.isScalar(a) && identity.isScalar(b) && a.value === b.value);
    return items.some(pair => isEqual(pair.key, search));
}

exports.mapIncludes = mapIncludes;


/***/ }),

/***/ 3021:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var toJS = __nccwpck_require__(4043);
var Schema = __nccwpck_require__(5840);
var stringifyDocument = __nccwpck_require__(6829);
var anchors = __nccwpck_require__(1596);
var applyReviver = __nccwpck_require__(3661);
var createNode = __nccwpck_require__(2404);
var directives = __nccwpck_require__(1342);

class Document {
    constructor(value, replacer, options) {
        /** A comment before this Document */
        this.commentBefore = null;
        /** A comment immediately after this Document */
        this.comment = null;
        /** Errors encountered during parsing. */
        this.errors = [];
        /** Warnings encountered during parsing. */
        this.warnings = [];
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.DOC });
        let _replacer = null;
        if (typeof replacer === 'function' || Array.isArray(replacer)) {
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const opt = Object.assign({
            intAsBigInt: false,
            keepSourceTokens: false,
            logLevel: 'warn',
            prettyErrors: true,
            strict: true,
            stringKeys: false,
            uniqueKeys: true,
            version: '1.2'
        }, options);
        this.options = opt;
        let { version } = opt;
        if (options?._directives) {
            this.directives = options._directives.atDocument();
            if (this.directives.yaml.explicit)
                version = this.directives.yaml.version;
        }
        else
            this.directives = new directives.Directives({ version });
        this.setSchema(version, options);
        // @ts-expect-error We can't really know that this matches Contents.
        this.contents =
            value === undefined ? null : this.createNode(value, _replacer, options);
    }
    /**
     * Create a deep copy of this Document and its contents.
     *
     * Custom Node values that inherit from `Object` still refer to their original instances.
     */
    clone() {
        const copy = Object.create(Document.prototype, {
            [identity.NODE_TYPE]: { value: identity.DOC }
        });
        copy.commentBefore = this.commentBefore;
        copy.comment = this.comment;
        copy.errors = this.errors.slice();
        copy.warnings = this.warnings.slice();
        copy.options = Object.assign({}, this.options);
        if (this.directives)
            copy.directives = this.directives.clone();
        copy.schema = this.schema.clone();
        // @ts-expect-error We can't really know that this matches Contents.
        copy.contents = identity.isNode(this.contents)
            ? this.contents.clone(copy.schema)
            : this.contents;
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** Adds a value to the document. */
    add(value) {
        if (assertCollection(this.contents))
            this.contents.add(value);
    }
    /** Adds a value to the document. */
    addIn(path, value) {
        if (assertCollection(this.contents))
            this.contents.addIn(path, value);
    }
    /**
     * Create a new `Alias` node, ensuring that the target `node` has the required anchor.
     *
     * If `node` already has an anchor, `name` is ignored.
     * Otherwise, the `node.anchor` value will be set to `name`,
     * or if an anchor with that name is already present in the document,
     * `name` will be used as a prefix for a new unique anchor.
     * If `name` is undefined, the generated anchor will use 'a' as a prefix.
     */
    createAlias(node, name) {
        if (!node.anchor) {
            const prev = anchors.anchorNames(this);
            node.anchor =
                // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
                !name || prev.has(name) ? anchors.findNewAnchor(name || 'a', prev) : name;
        }
        return new Alias.Alias(node.anchor);
    }
    createNode(value, replacer, options) {
        let _replacer = undefined;
        if (typeof replacer === 'function') {
            value = replacer.call({ '': value }, '', value);
            _replacer = replacer;
        }
        else if (Array.isArray(replacer)) {
            const keyToStr = (v) => typeof v === 'number' || v instanceof String || v instanceof Number;
            const asStr = replacer.filter(keyToStr).map(String);
            if (asStr.length > 0)
                replacer = replacer.concat(asStr);
            _replacer = replacer;
        }
        else if (options === undefined && replacer) {
            options = replacer;
            replacer = undefined;
        }
        const { aliasDuplicateObjects, anchorPrefix, flow, keepUndefined, onTagObj, tag } = options ?? {};
        const { onAnchor, setAnchors, sourceObjects } = anchors.createNodeAnchors(this, 
        // eslint-disable-next-line @typescript-eslint/prefer-nullish-coalescing
        anchorPrefix || 'a');
        const ctx = {
            aliasDuplicateObjects: aliasDuplicateObjects ?? true,
            keepUndefined: keepUndefined ?? false,
            onAnchor,
            onTagObj,
            replacer: _replacer,
            schema: this.schema,
            sourceObjects
        };
        const node = createNode.createNode(value, tag, ctx);
        if (flow && identity.isCollection(node))
            node.flow = true;
        setAnchors();
        return node;
    }
    /**
     * Convert a key and a value into a `Pair` using the current schema,
     * recursively wrapping all values as `Scalar` or `Collection` nodes.
     */
    createPair(key, value, options = {}) {
        const k = this.createNode(key, null, options);
        const v = this.createNode(value, null, options);
        return new Pair.Pair(k, v);
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        return assertCollection(this.contents) ? this.contents.delete(key) : false;
    }
    /**
     * Removes a value from the document.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        if (Collection.isEmptyPath(path)) {
            if (this.contents == null)
                return false;
            // @ts-expect-error Presumed impossible if Strict extends false
            this.contents = null;
            return true;
        }
        return assertCollection(this.contents)
            ? this.contents.deleteIn(path)
            : false;
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    get(key, keepScalar) {
        return identity.isCollection(this.contents)
            ? this.contents.get(key, keepScalar)
            : undefined;
    }
    /**
     * Returns item at `path`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        if (Collection.isEmptyPath(path))
            return !keepScalar && identity.isScalar(this.contents)
                ? this.contents.value
                : this.contents;
        return identity.isCollection(this.contents)
            ? this.contents.getIn(path, keepScalar)
            : undefined;
    }
    /**
     * Checks if the document includes a value with the key `key`.
     */
    has(key) {
        return identity.isCollection(this.contents) ? this.contents.has(key) : false;
    }
    /**
     * Checks if the document includes a value at `path`.
     */
    hasIn(path) {
        if (Collection.isEmptyPath(path))
            return this.contents !== undefined;
        return identity.isCollection(this.contents) ? this.contents.hasIn(path) : false;
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    set(key, value) {
        if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, [key], value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.set(key, value);
        }
    }
    /**
     * Sets a value in this document. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        if (Collection.isEmptyPath(path)) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = value;
        }
        else if (this.contents == null) {
            // @ts-expect-error We can't really know that this matches Contents.
            this.contents = Collection.collectionFromPath(this.schema, Array.from(path), value);
        }
        else if (assertCollection(this.contents)) {
            this.contents.setIn(path, value);
        }
    }
    /**
     * Change the YAML version and schema used by the document.
     * A `null` version disables support for directives, explicit tags, anchors, and aliases.
     * It also requires the `schema` option to be given as a `Schema` instance value.
     *
     * Overrides all previously set schema options.
     */
    setSchema(version, options = {}) {
        if (typeof version === 'number')
            version = String(version);
        let opt;
        switch (version) {
            case '1.1':
                if (this.directives)
                    this.directives.yaml.version = '1.1';
                else
                    this.directives = new directives.Directives({ version: '1.1' });
                opt = { resolveKnownTags: false, schema: 'yaml-1.1' };
                break;
            case '1.2':
            case 'next':
                if (this.directives)
                    this.directives.yaml.version = version;
                else
                    this.directives = new directives.Directives({ version });
                opt = { resolveKnownTags: true, schema: 'core' };
                break;
            case null:
                if (this.directives)
                    delete this.directives;
                opt = null;
                break;
            default: {
                const sv = JSON.stringify(version);
                throw new Error(`Expected '1.1', '1.2' or null as first argument, but found: ${sv}`);
            }
        }
        // Not using `instanceof Schema` to allow for duck typing
        if (options.schema instanceof Object)
            this.schema = options.schema;
        else if (opt)
            this.schema = new Schema.Schema(Object.assign(opt, options));
        else
            throw new Error(`With a null YAML version, the { schema: Schema } option is required`);
    }
    // json & jsonArg are only used from toJSON()
    toJS({ json, jsonArg, mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        const ctx = {
            anchors: new Map(),
            doc: this,
            keep: !json,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this.contents, jsonArg ?? '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
    /**
     * A JSON representation of the document `contents`.
     *
     * @param jsonArg Used by `JSON.stringify` to indicate the array index or
     *   property name.
     */
    toJSON(jsonArg, onAnchor) {
        return this.toJS({ json: true, jsonArg, mapAsMap: false, onAnchor });
    }
    /** A YAML representation of the document. */
    toString(options = {}) {
        if (this.errors.length > 0)
            throw new Error('Document with errors cannot be stringified');
        if ('indent' in options &&
            (!Number.isInteger(options.indent) || Number(options.indent) <= 0)) {
            const s = JSON.stringify(options.indent);
            throw new Error(`"indent" option must be a positive integer, not ${s}`);
        }
        return stringifyDocument.stringifyDocument(this, options);
    }
}
function assertCollection(contents) {
    if (identity.isCollection(contents))
        return true;
    throw new Error('Expected a YAML collection as document contents');
}

exports.Document = Document;


/***/ }),

/***/ 1596:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

/**
 * Verify that the input string is a valid anchor.
 *
 * Will throw on errors.
 */
function anchorIsValid(anchor) {
    if (/[\x00-\x19\s,[\]{}]/.test(anchor)) {
        const sa = JSON.stringify(anchor);
        const msg = `Anchor must not contain whitespace or control characters: ${sa}`;
        throw new Error(msg);
    }
    return true;
}
function anchorNames(root) {
    const anchors = new Set();
    visit.visit(root, {
        Value(_key, node) {
            if (node.anchor)
                anchors.add(node.anchor);
        }
    });
    return anchors;
}
/** Find a new anchor name with the given `prefix` and a one-indexed suffix. */
function findNewAnchor(prefix, exclude) {
    for (let i = 1; true; ++i) {
        const name = `${prefix}${i}`;
        if (!exclude.has(name))
            return name;
    }
}
function createNodeAnchors(doc, prefix) {
    const aliasObjects = [];
    const sourceObjects = new Map();
    let prevAnchors = null;
    return {
        onAnchor: (source) => {
            aliasObjects.push(source);
            prevAnchors ?? (prevAnchors = anchorNames(doc));
            const anchor = findNewAnchor(prefix, prevAnchors);
            prevAnchors.add(anchor);
            return anchor;
        },
        /**
         * With circular references, the source node is only resolved after all
         * of its child nodes are. This is why anchors are set only after all of
         * the nodes have been created.
         */
        setAnchors: () => {
            for (const source of aliasObjects) {
                const ref = sourceObjects.get(source);
                if (typeof ref === 'object' &&
                    ref.anchor &&
                    (identity.isScalar(ref.node) || identity.isCollection(ref.node))) {
                    ref.node.anchor = ref.anchor;
                }
                else {
                    const error = new Error('Failed to resolve repeated object (this should not happen)');
                    error.source = source;
                    throw error;
                }
            }
        },
        sourceObjects
    };
}

exports.anchorIsValid = anchorIsValid;
exports.anchorNames = anchorNames;
exports.createNodeAnchors = createNodeAnchors;
exports.findNewAnchor = findNewAnchor;


/***/ }),

/***/ 3661:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Applies the JSON.parse reviver algorithm as defined in the ECMA-262 spec,
 * in section 24.5.1.1 "Runtime Semantics: InternalizeJSONProperty" of the
 * 2021 edition: https://tc39.es/ecma262/#sec-json.parse
 *
 * Includes extensions for handling Map and Set objects.
 */
function applyReviver(reviver, obj, key, val) {
    if (val && typeof val === 'object') {
        if (Array.isArray(val)) {
            for (let i = 0, len = val.length; i < len; ++i) {
                const v0 = val[i];
                const v1 = applyReviver(reviver, val, String(i), v0);
                // eslint-disable-next-line @typescript-eslint/no-array-delete
                if (v1 === undefined)
                    delete val[i];
                else if (v1 !== v0)
                    val[i] = v1;
            }
        }
        else if (val instanceof Map) {
            for (const k of Array.from(val.keys())) {
                const v0 = val.get(k);
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    val.delete(k);
                else if (v1 !== v0)
                    val.set(k, v1);
            }
        }
        else if (val instanceof Set) {
            for (const v0 of Array.from(val)) {
                const v1 = applyReviver(reviver, val, v0, v0);
                if (v1 === undefined)
                    val.delete(v0);
                else if (v1 !== v0) {
                    val.delete(v0);
                    val.add(v1);
                }
            }
        }
        else {
            for (const [k, v0] of Object.entries(val)) {
                const v1 = applyReviver(reviver, val, k, v0);
                if (v1 === undefined)
                    delete val[k];
                else if (v1 !== v0)
                    val[k] = v1;
            }
        }
    }
    return reviver.call(obj, key, val);
}

exports.applyReviver = applyReviver;


/***/ }),

/***/ 2404:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

const defaultTagPrefix = 'tag:yaml.org,2002:';
function findTagObject(value, tagName, tags) {
    if (tagName) {
        const match = tags.filter(t => t.tag === tagName);
        const tagObj = match.find(t => !t.format) ?? match[0];
        if (!tagObj)
            throw new Error(`Tag ${tagName} not found`);
        return tagObj;
    }
    return tags.find(t => t.identify?.(value) && !t.format);
}
function createNode(value, tagName, ctx) {
    if (identity.isDocument(value))
        value = value.contents;
    if (identity.isNode(value))
        return value;
    if (identity.isPair(value)) {
        const map = ctx.schema[identity.MAP].createNode?.(ctx.schema, null, ctx);
        map.items.push(value);
        return map;
    }
    if (value instanceof String ||
        value instanceof Number ||
        value instanceof Boolean ||
        (typeof BigInt !== 'undefined' && value instanceof BigInt) // not supported everywhere
    ) {
        // https://tc39.es/ecma262/#sec-serializejsonproperty
        value = value.valueOf();
    }
    const { aliasDuplicateObjects, onAnchor, onTagObj, schema, sourceObjects } = ctx;
    // Detect duplicate references to the same object & use Alias nodes for all
    // after first. The `ref` wrapper allows for circular references to resolve.
    let ref = undefined;
    if (aliasDuplicateObjects && value && typeof value === 'object') {
        ref = sourceObjects.get(value);
        if (ref) {
            ref.anchor ?? (ref.anchor = onAnchor(value));
            return new Alias.Alias(ref.anchor);
        }
        else {
            ref = { anchor: null, node: null };
            sourceObjects.set(value, ref);
        }
    }
    if (tagName?.startsWith('!!'))
        tagName = defaultTagPrefix + tagName.slice(2);
    let tagObj = findTagObject(value, tagName, schema.tags);
    if (!tagObj) {
        if (value && typeof value.toJSON === 'function') {
            // eslint-disable-next-line @typescript-eslint/no-unsafe-call
            value = value.toJSON();
        }
        if (!value || typeof value !== 'object') {
            const node = new Scalar.Scalar(value);
            if (ref)
                ref.node = node;
            return node;
        }
        tagObj =
            value instanceof Map
                ? schema[identity.MAP]
                : Symbol.iterator in Object(value)
                    ? schema[identity.SEQ]
                    : schema[identity.MAP];
    }
    if (onTagObj) {
        onTagObj(tagObj);
        delete ctx.onTagObj;
    }
    const node = tagObj?.createNode
        ? tagObj.createNode(ctx.schema, value, ctx)
        : typeof tagObj?.nodeClass?.from === 'function'
            ? tagObj.nodeClass.from(ctx.schema, value, ctx)
            : new Scalar.Scalar(value);
    if (tagName)
        node.tag = tagName;
    else if (!tagObj.default)
        node.tag = tagObj.tag;
    if (ref)
        ref.node = node;
    return node;
}

exports.createNode = createNode;


/***/ }),

/***/ 1342:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var visit = __nccwpck_require__(204);

const escapeChars = {
    '!': '%21',
    ',': '%2C',
    '[': '%5B',
    ']': '%5D',
    '{': '%7B',
    '}': '%7D'
};
const escapeTagName = (tn) => tn.replace(/[!,[\]{}]/g, ch => escapeChars[ch]);
class Directives {
    constructor(yaml, tags) {
        /**
         * The directives-end/doc-start marker `---`. If `null`, a marker may still be
         * included in the document's stringified representation.
         */
        this.docStart = null;
        /** The doc-end marker `...`.  */
        this.docEnd = false;
        this.yaml = Object.assign({}, Directives.defaultYaml, yaml);
        this.tags = Object.assign({}, Directives.defaultTags, tags);
    }
    clone() {
        const copy = new Directives(this.yaml, this.tags);
        copy.docStart = this.docStart;
        return copy;
    }
    /**
     * During parsing, get a Directives instance for the current document and
     * update the stream state according to the current version's spec.
     */
    atDocument() {
        const res = new Directives(this.yaml, this.tags);
        switch (this.yaml.version) {
            case '1.1':
                this.atNextDocument = true;
                break;
            case '1.2':
                this.atNextDocument = false;
                this.yaml = {
                    explicit: Directives.defaultYaml.explicit,
                    version: '1.2'
                };
                this.tags = Object.assign({}, Directives.defaultTags);
                break;
        }
        return res;
    }
    /**
     * @param onError - May be called even if the action was successful
     * @returns `true` on success
     */
    add(line, onError) {
        if (this.atNextDocument) {
            this.yaml = { explicit: Directives.defaultYaml.explicit, version: '1.1' };
            this.tags = Object.assign({}, Directives.defaultTags);
            this.atNextDocument = false;
        }
        const parts = line.trim().split(/[ \t]+/);
        const name = parts.shift();
        switch (name) {
            case '%TAG': {
                if (parts.length !== 2) {
                    onError(0, '%TAG directive should contain exactly two parts');
                    if (parts.length < 2)
                        return false;
                }
                const [handle, prefix] = parts;
                this.tags[handle] = prefix;
                return true;
            }
            case '%YAML': {
                this.yaml.explicit = true;
                if (parts.length !== 1) {
                    onError(0, '%YAML directive should contain exactly one part');
                    return false;
                }
                const [version] = parts;
                if (version === '1.1' || version === '1.2') {
                    this.yaml.version = version;
                    return true;
                }
                else {
                    const isValid = /^\d+\.\d+$/.test(version);
                    onError(6, `Unsupported YAML version ${version}`, isValid);
                    return false;
                }
            }
            default:
                onError(0, `Unknown directive ${name}`, true);
                return false;
        }
    }
    /**
     * Resolves a tag, matching handles to those defined in %TAG directives.
     *
     * @returns Resolved tag, which may also be the non-specific tag `'!'` or a
     *   `'!local'` tag, or `null` if unresolvable.
     */
    tagName(source, onError) {
        if (source === '!')
            return '!'; // non-specific tag
        if (source[0] !== '!') {
            onError(`Not a valid tag: ${source}`);
            return null;
        }
        if (source[1] === '<') {
            const verbatim = source.slice(2, -1);
            if (verbatim === '!' || verbatim === '!!') {
                onError(`Verbatim tags aren't resolved, so ${source} is invalid.`);
                return null;
            }
            if (source[source.length - 1] !== '>')
                onError('Verbatim tags must end with a >');
            return verbatim;
        }
        const [, handle, suffix] = source.match(/^(.*!)([^!]*)$/s);
        if (!suffix)
            onError(`The ${source} tag has no suffix`);
        const prefix = this.tags[handle];
        if (prefix) {
            try {
                return prefix + decodeURIComponent(suffix);
            }
            catch (error) {
                onError(String(error));
                return null;
            }
        }
        if (handle === '!')
            return source; // local tag
        onError(`Could not resolve tag: ${source}`);
        return null;
    }
    /**
     * Given a fully resolved tag, returns its printable string form,
     * taking into account current tag prefixes and defaults.
     */
    tagString(tag) {
        for (const [handle, prefix] of Object.entries(this.tags)) {
            if (tag.startsWith(prefix))
                return handle + escapeTagName(tag.substring(prefix.length));
        }
        return tag[0] === '!' ? tag : `!<${tag}>`;
    }
    toString(doc) {
        const lines = this.yaml.explicit
            ? [`%YAML ${this.yaml.version || '1.2'}`]
            : [];
        const tagEntries = Object.entries(this.tags);
        let tagNames;
        if (doc && tagEntries.length > 0 && identity.isNode(doc.contents)) {
            const tags = {};
            visit.visit(doc.contents, (_key, node) => {
                if (identity.isNode(node) && node.tag)
                    tags[node.tag] = true;
            });
            tagNames = Object.keys(tags);
        }
        else
            tagNames = [];
        for (const [handle, prefix] of tagEntries) {
            if (handle === '!!' && prefix === 'tag:yaml.org,2002:')
                continue;
            if (!doc || tagNames.some(tn => tn.startsWith(prefix)))
                lines.push(`%TAG ${handle} ${prefix}`);
        }
        return lines.join('\n');
    }
}
Directives.defaultYaml = { explicit: false, version: '1.2' };
Directives.defaultTags = { '!!': 'tag:yaml.org,2002:' };

exports.Directives = Directives;


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, exports) => {



class YAMLError extends Error {
    constructor(name, pos, code, message) {
        super();
        this.name = name;
        this.code = code;
        this.message = message;
        this.pos = pos;
    }
}
class YAMLParseError extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLParseError', pos, code, message);
    }
}
class YAMLWarning extends YAMLError {
    constructor(pos, code, message) {
        super('YAMLWarning', pos, code, message);
    }
}
const prettifyError = (src, lc) => (error) => {
    if (error.pos[0] === -1)
        return;
    error.linePos = error.pos.map(pos => lc.linePos(pos));
    const { line, col } = error.linePos[0];
    error.message += ` at line ${line}, column ${col}`;
    let ci = col - 1;
    let lineStr = src
        .substring(lc.lineStarts[line - 1], lc.lineStarts[line])
        .replace(/[\n\r]+$/, '');
    // Trim to max 80 chars, keeping col position near the middle
    if (ci >= 60 && lineStr.length > 80) {
        const trimStart = Math.min(ci - 39, lineStr.length - 79);
        lineStr = '…' + lineStr.substring(trimStart);
        ci -= trimStart - 1;
    }
    if (lineStr.length > 80)
        lineStr = lineStr.substring(0, 79) + '…';
    // Include previous line in context if pointing at line start
    if (line > 1 && /^ *$/.test(lineStr.substring(0, ci))) {
        // Regexp won't match if start is trimmed
        let prev = src.substring(lc.lineStarts[line - 2], lc.lineStarts[line - 1]);
        if (prev.length > 80)
            prev = prev.substring(0, 79) + '…\n';
        lineStr = prev + lineStr;
    }
    if (/[^ ]/.test(lineStr)) {
        let count = 1;
        const end = error.linePos[1];
        if (end?.line === line && end.col > col) {
            count = Math.max(1, Math.min(end.col - col, 80 - ci));
        }
        const pointer = ' '.repeat(ci) + '^'.repeat(count);
        error.message += `:\n\n${lineStr}\n${pointer}\n`;
    }
};

exports.YAMLError = YAMLError;
exports.YAMLParseError = YAMLParseError;
exports.YAMLWarning = YAMLWarning;
exports.prettifyError = prettifyError;


/***/ }),

/***/ 8815:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

var __webpack_unused_export__;


var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var Schema = __nccwpck_require__(5840);
var errors = __nccwpck_require__(1464);
var Alias = __nccwpck_require__(4065);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);
var publicApi = __nccwpck_require__(4047);
var visit = __nccwpck_require__(204);



__webpack_unused_export__ = composer.Composer;
__webpack_unused_export__ = Document.Document;
__webpack_unused_export__ = Schema.Schema;
__webpack_unused_export__ = errors.YAMLError;
__webpack_unused_export__ = errors.YAMLParseError;
__webpack_unused_export__ = errors.YAMLWarning;
__webpack_unused_export__ = Alias.Alias;
exports.Vj = identity.isAlias;
__webpack_unused_export__ = identity.isCollection;
__webpack_unused_export__ = identity.isDocument;
exports.jh = identity.isMap;
__webpack_unused_export__ = identity.isNode;
__webpack_unused_export__ = identity.isPair;
exports.jn = identity.isScalar;
exports.oP = identity.isSeq;
__webpack_unused_export__ = Pair.Pair;
__webpack_unused_export__ = Scalar.Scalar;
__webpack_unused_export__ = YAMLMap.YAMLMap;
__webpack_unused_export__ = YAMLSeq.YAMLSeq;
__webpack_unused_export__ = cst;
__webpack_unused_export__ = lexer.Lexer;
exports.HN = lineCounter.LineCounter;
__webpack_unused_export__ = parser.Parser;
__webpack_unused_export__ = publicApi.parse;
__webpack_unused_export__ = publicApi.parseAllDocuments;
exports.Tp = publicApi.parseDocument;
exports.As = publicApi.stringify;
__webpack_unused_export__ = visit.visit;
__webpack_unused_export__ = visit.visitAsync;


/***/ }),

/***/ 7249:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);

function debug(logLevel, ...messages) {
    if (logLevel === 'debug')
        console.log(...messages);
}
function warn(logLevel, warning) {
    if (logLevel === 'debug' || logLevel === 'warn') {
        if (typeof node_process.emitWarning === 'function')
            node_process.emitWarning(warning);
        else
            console.warn(warning);
    }
}

exports.debug = debug;
exports.warn = warn;


/***/ }),

/***/ 4065:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var visit = __nccwpck_require__(204);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

class Alias extends Node.NodeBase {
    constructor(source) {
        super(identity.ALIAS);
        this.source = source;
        Object.defineProperty(this, 'tag', {
            set() {
                throw new Error('Alias nodes cannot have tags');
            }
        });
    }
    /**
     * Resolve the value of this alias within `doc`, finding the last
     * instance of the `source` anchor before this node.
     */
    resolve(doc, ctx) {
        if (ctx?.maxAliasCount === 0)
            throw new ReferenceError('Alias resolution is disabled');
        let nodes;
        if (ctx?.aliasResolveCache) {
            nodes = ctx.aliasResolveCache;
        }
        else {
            nodes = [];
            visit.visit(doc, {
                Node: (_key, node) => {
                    if (identity.isAlias(node) || identity.hasAnchor(node))
                        nodes.push(node);
                }
            });
            if (ctx)
                ctx.aliasResolveCache = nodes;
        }
        let found = undefined;
        for (const node of nodes) {
            if (node === this)
                break;
            if (node.anchor === this.source)
                found = node;
        }
        if (found && ctx) {
            const { anchors, doc, maxAliasCount } = ctx;
            let data = anchors.get(found);
            if (!data) {
                // Resolve anchors for Node.prototype.toJS()
                toJS.toJS(found, null, ctx);
                data = anchors.get(found);
            }
            /* istanbul ignore if */
            if (data?.res === undefined) {
                const msg = 'This should not happen: Alias anchor was not resolved?';
                throw new ReferenceError(msg);
            }
            if (maxAliasCount >= 0) {
                data.count += 1;
                if (data.aliasCount === 0)
                    data.aliasCount = getAliasCount(doc, found, anchors);
                if (data.count * data.aliasCount > maxAliasCount) {
                    const msg = 'Excessive alias count indicates a resource exhaustion attack';
                    throw new ReferenceError(msg);
                }
            }
        }
        return found;
    }
    toJSON(_arg, ctx) {
        if (!ctx)
            return { source: this.source };
        const source = this.resolve(ctx.doc, ctx);
        if (!source) {
            const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
            throw new ReferenceError(msg);
        }
        return ctx.anchors.get(source).res;
    }
    toString(ctx, _onComment, _onChompKeep) {
        const src = `*${this.source}`;
        if (ctx) {
            anchors.anchorIsValid(this.source);
            if (ctx.options.verifyAliasOrder && !ctx.anchors.has(this.source)) {
                const msg = `Unresolved alias (the anchor must be set before the alias): ${this.source}`;
                throw new Error(msg);
            }
            if (ctx.implicitKey)
                return `${src} `;
        }
        return src;
    }
}
function getAliasCount(doc, node, anchors) {
    if (identity.isAlias(node)) {
        const source = node.resolve(doc);
        const anchor = anchors && source && anchors.get(source);
        return anchor ? anchor.count * anchor.aliasCount : 0;
    }
    else if (identity.isCollection(node)) {
        let count = 0;
        for (const item of node.items) {
            const c = getAliasCount(doc, item, anchors);
            if (c > count)
                count = c;
        }
        return count;
    }
    else if (identity.isPair(node)) {
        const kc = getAliasCount(doc, node.key, anchors);
        const vc = getAliasCount(doc, node.value, anchors);
        return Math.max(kc, vc);
    }
    return 1;
}

exports.Alias = Alias;


/***/ }),

/***/ 101:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);

function collectionFromPath(schema, path, value) {
    let v = value;
    for (let i = path.length - 1; i >= 0; --i) {
        const k = path[i];
        if (typeof k === 'number' && Number.isInteger(k) && k >= 0) {
            const a = [];
            a[k] = v;
            v = a;
        }
        else {
            v = new Map([[k, v]]);
        }
    }
    return createNode.createNode(v, undefined, {
        aliasDuplicateObjects: false,
        keepUndefined: false,
        onAnchor: () => {
            throw new Error('This should not happen, please report a bug.');
        },
        schema,
        sourceObjects: new Map()
    });
}
// Type guard is intentionally a little wrong so as to be more useful,
// as it does not cover untypable empty non-string iterables (e.g. []).
const isEmptyPath = (path) => path == null ||
    (typeof path === 'object' && !!path[Symbol.iterator]().next().done);
class Collection extends Node.NodeBase {
    constructor(type, schema) {
        super(type);
        Object.defineProperty(this, 'schema', {
            value: schema,
            configurable: true,
            enumerable: false,
            writable: true
        });
    }
    /**
     * Create a copy of this collection.
     *
     * @param schema - If defined, overwrites the original's schema
     */
    clone(schema) {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (schema)
            copy.schema = schema;
        copy.items = copy.items.map(it => identity.isNode(it) || identity.isPair(it) ? it.clone(schema) : it);
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /**
     * Adds a value to the collection. For `!!map` and `!!omap` the value must
     * be a Pair instance or a `{ key, value }` object, which may not have a key
     * that already exists in the map.
     */
    addIn(path, value) {
        if (isEmptyPath(path))
            this.add(value);
        else {
            const [key, ...rest] = path;
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.addIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
    /**
     * Removes a value from the collection.
     * @returns `true` if the item was found and removed.
     */
    deleteIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.delete(key);
        const node = this.get(key, true);
        if (identity.isCollection(node))
            return node.deleteIn(rest);
        else
            throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
    }
    /**
     * Returns item at `key`, or `undefined` if not found. By default unwraps
     * scalar values from their surrounding node; to disable set `keepScalar` to
     * `true` (collections are always returned intact).
     */
    getIn(path, keepScalar) {
        const [key, ...rest] = path;
        const node = this.get(key, true);
        if (rest.length === 0)
            return !keepScalar && identity.isScalar(node) ? node.value : node;
        else
            return identity.isCollection(node) ? node.getIn(rest, keepScalar) : undefined;
    }
    hasAllNullValues(allowScalar) {
        return this.items.every(node => {
            if (!identity.isPair(node))
                return false;
            const n = node.value;
            return (n == null ||
                (allowScalar &&
                    identity.isScalar(n) &&
                    n.value == null &&
                    !n.commentBefore &&
                    !n.comment &&
                    !n.tag));
        });
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     */
    hasIn(path) {
        const [key, ...rest] = path;
        if (rest.length === 0)
            return this.has(key);
        const node = this.get(key, true);
        return identity.isCollection(node) ? node.hasIn(rest) : false;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     */
    setIn(path, value) {
        const [key, ...rest] = path;
        if (rest.length === 0) {
            this.set(key, value);
        }
        else {
            const node = this.get(key, true);
            if (identity.isCollection(node))
                node.setIn(rest, value);
            else if (node === undefined && this.schema)
                this.set(key, collectionFromPath(this.schema, rest, value));
            else
                throw new Error(`Expected YAML collection at ${key}. Remaining path: ${rest}`);
        }
    }
}

exports.Collection = Collection;
exports.collectionFromPath = collectionFromPath;
exports.isEmptyPath = isEmptyPath;


/***/ }),

/***/ 6673:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var applyReviver = __nccwpck_require__(3661);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

class NodeBase {
    constructor(type) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: type });
    }
    /** Create a copy of this node.  */
    clone() {
        const copy = Object.create(Object.getPrototypeOf(this), Object.getOwnPropertyDescriptors(this));
        if (this.range)
            copy.range = this.range.slice();
        return copy;
    }
    /** A plain JavaScript representation of this node. */
    toJS(doc, { mapAsMap, maxAliasCount, onAnchor, reviver } = {}) {
        if (!identity.isDocument(doc))
            throw new TypeError('A document argument is required');
        const ctx = {
            anchors: new Map(),
            doc,
            keep: true,
            mapAsMap: mapAsMap === true,
            mapKeyWarned: false,
            maxAliasCount: typeof maxAliasCount === 'number' ? maxAliasCount : 100
        };
        const res = toJS.toJS(this, '', ctx);
        if (typeof onAnchor === 'function')
            for (const { count, res } of ctx.anchors.values())
                onAnchor(res, count);
        return typeof reviver === 'function'
            ? applyReviver.applyReviver(reviver, { '': res }, '', res)
            : res;
    }
}

exports.NodeBase = NodeBase;


/***/ }),

/***/ 7165:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyPair = __nccwpck_require__(9748);
var addPairToJSMap = __nccwpck_require__(7104);
var identity = __nccwpck_require__(1127);

function createPair(key, value, ctx) {
    const k = createNode.createNode(key, undefined, ctx);
    const v = createNode.createNode(value, undefined, ctx);
    return new Pair(k, v);
}
class Pair {
    constructor(key, value = null) {
        Object.defineProperty(this, identity.NODE_TYPE, { value: identity.PAIR });
        this.key = key;
        this.value = value;
    }
    clone(schema) {
        let { key, value } = this;
        if (identity.isNode(key))
            key = key.clone(schema);
        if (identity.isNode(value))
            value = value.clone(schema);
        return new Pair(key, value);
    }
    toJSON(_, ctx) {
        const pair = ctx?.mapAsMap ? new Map() : {};
        return addPairToJSMap.addPairToJSMap(ctx, pair, this);
    }
    toString(ctx, onComment, onChompKeep) {
        return ctx?.doc
            ? stringifyPair.stringifyPair(this, ctx, onComment, onChompKeep)
            : JSON.stringify(this);
    }
}

exports.Pair = Pair;
exports.createPair = createPair;


/***/ }),

/***/ 3301:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Node = __nccwpck_require__(6673);
var toJS = __nccwpck_require__(4043);

const isScalarValue = (value) => !value || (typeof value !== 'function' && typeof value !== 'object');
class Scalar extends Node.NodeBase {
    constructor(value) {
        super(identity.SCALAR);
        this.value = value;
    }
    toJSON(arg, ctx) {
        return ctx?.keep ? this.value : toJS.toJS(this.value, arg, ctx);
    }
    toString() {
        return String(this.value);
    }
}
Scalar.BLOCK_FOLDED = 'BLOCK_FOLDED';
Scalar.BLOCK_LITERAL = 'BLOCK_LITERAL';
Scalar.PLAIN = 'PLAIN';
Scalar.QUOTE_DOUBLE = 'QUOTE_DOUBLE';
Scalar.QUOTE_SINGLE = 'QUOTE_SINGLE';

exports.Scalar = Scalar;
exports.isScalarValue = isScalarValue;


/***/ }),

/***/ 4454:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyCollection = __nccwpck_require__(1212);
var addPairToJSMap = __nccwpck_require__(7104);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);

function findPair(items, key) {
    const k = identity.isScalar(key) ? key.value : key;
    for (const it of items) {
        if (identity.isPair(it)) {
            if (it.key === key || it.key === k)
                return it;
            if (identity.isScalar(it.key) && it.key.value === k)
                return it;
        }
    }
    return undefined;
}
class YAMLMap extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:map';
    }
    constructor(schema) {
        super(identity.MAP, schema);
        this.items = [];
    }
    /**
     * A generic collection parsing method that can be extended
     * to other node classes that inherit from YAMLMap
     */
    static from(schema, obj, ctx) {
        const { keepUndefined, replacer } = ctx;
        const map = new this(schema);
        const add = (key, value) => {
            if (typeof replacer === 'function')
                value = replacer.call(obj, key, value);
            else if (Array.isArray(replacer) && !replacer.includes(key))
                return;
            if (value !== undefined || keepUndefined)
                map.items.push(Pair.createPair(key, value, ctx));
        };
        if (obj instanceof Map) {
            for (const [key, value] of obj)
                add(key, value);
        }
        else if (obj && typeof obj === 'object') {
            for (const key of Object.keys(obj))
                add(key, obj[key]);
        }
        if (typeof schema.sortMapEntries === 'function') {
            map.items.sort(schema.sortMapEntries);
        }
        return map;
    }
    /**
     * Adds a value to the collection.
     *
     * @param overwrite - If not set `true`, using a key that is already in the
     *   collection will throw. Otherwise, overwrites the previous value.
     */
    add(pair, overwrite) {
        let _pair;
        if (identity.isPair(pair))
            _pair = pair;
        else if (!pair || typeof pair !== 'object' || !('key' in pair)) {
            // In TypeScript, this never happens.
            _pair = new Pair.Pair(pair, pair?.value);
        }
        else
            _pair = new Pair.Pair(pair.key, pair.value);
        const prev = findPair(this.items, _pair.key);
        const sortEntries = this.schema?.sortMapEntries;
        if (prev) {
            if (!overwrite)
                throw new Error(`Key ${_pair.key} already set`);
            // For scalars, keep the old node & its comments and anchors
            if (identity.isScalar(prev.value) && Scalar.isScalarValue(_pair.value))
                prev.value.value = _pair.value;
            else
                prev.value = _pair.value;
        }
        else if (sortEntries) {
            const i = this.items.findIndex(item => sortEntries(_pair, item) < 0);
            if (i === -1)
                this.items.push(_pair);
            else
                this.items.splice(i, 0, _pair);
        }
        else {
            this.items.push(_pair);
        }
    }
    delete(key) {
        const it = findPair(this.items, key);
        if (!it)
            return false;
        const del = this.items.splice(this.items.indexOf(it), 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const it = findPair(this.items, key);
        const node = it?.value;
        return (!keepScalar && identity.isScalar(node) ? node.value : node) ?? undefined;
    }
    has(key) {
        return !!findPair(this.items, key);
    }
    set(key, value) {
        this.add(new Pair.Pair(key, value), true);
    }
    /**
     * @param ctx - Conversion context, originally set in Document#toJS()
     * @param {Class} Type - If set, forces the returned collection type
     * @returns Instance of Type, Map, or Object
     */
    toJSON(_, ctx, Type) {
        const map = Type ? new Type() : ctx?.mapAsMap ? new Map() : {};
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const item of this.items)
            addPairToJSMap.addPairToJSMap(ctx, map, item);
        return map;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        for (const item of this.items) {
            if (!identity.isPair(item))
                throw new Error(`Map items must all be pairs; found ${JSON.stringify(item)} instead`);
        }
        if (!ctx.allNullValues && this.hasAllNullValues(false))
            ctx = Object.assign({}, ctx, { allNullValues: true });
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '',
            flowChars: { start: '{', end: '}' },
            itemIndent: ctx.indent || '',
            onChompKeep,
            onComment
        });
    }
}

exports.YAMLMap = YAMLMap;
exports.findPair = findPair;


/***/ }),

/***/ 2223:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var createNode = __nccwpck_require__(2404);
var stringifyCollection = __nccwpck_require__(1212);
var Collection = __nccwpck_require__(101);
var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var toJS = __nccwpck_require__(4043);

class YAMLSeq extends Collection.Collection {
    static get tagName() {
        return 'tag:yaml.org,2002:seq';
    }
    constructor(schema) {
        super(identity.SEQ, schema);
        this.items = [];
    }
    add(value) {
        this.items.push(value);
    }
    /**
     * Removes a value from the collection.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     *
     * @returns `true` if the item was found and removed.
     */
    delete(key) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return false;
        const del = this.items.splice(idx, 1);
        return del.length > 0;
    }
    get(key, keepScalar) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            return undefined;
        const it = this.items[idx];
        return !keepScalar && identity.isScalar(it) ? it.value : it;
    }
    /**
     * Checks if the collection includes a value with the key `key`.
     *
     * `key` must contain a representation of an integer for this to succeed.
     * It may be wrapped in a `Scalar`.
     */
    has(key) {
        const idx = asItemIndex(key);
        return typeof idx === 'number' && idx < this.items.length;
    }
    /**
     * Sets a value in this collection. For `!!set`, `value` needs to be a
     * boolean to add/remove the item from the set.
     *
     * If `key` does not contain a representation of an integer, this will throw.
     * It may be wrapped in a `Scalar`.
     */
    set(key, value) {
        const idx = asItemIndex(key);
        if (typeof idx !== 'number')
            throw new Error(`Expected a valid index, not ${key}.`);
        const prev = this.items[idx];
        if (identity.isScalar(prev) && Scalar.isScalarValue(value))
            prev.value = value;
        else
            this.items[idx] = value;
    }
    toJSON(_, ctx) {
        const seq = [];
        if (ctx?.onCreate)
            ctx.onCreate(seq);
        let i = 0;
        for (const item of this.items)
            seq.push(toJS.toJS(item, String(i++), ctx));
        return seq;
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        return stringifyCollection.stringifyCollection(this, ctx, {
            blockItemPrefix: '- ',
            flowChars: { start: '[', end: ']' },
            itemIndent: (ctx.indent || '') + '  ',
            onChompKeep,
            onComment
        });
    }
    static from(schema, obj, ctx) {
        const { replacer } = ctx;
        const seq = new this(schema);
        if (obj && Symbol.iterator in Object(obj)) {
            let i = 0;
            for (let it of obj) {
                if (typeof replacer === 'function') {
                    const key = obj instanceof Set ? it : String(i++);
                    it = replacer.call(obj, key, it);
                }
                seq.items.push(createNode.createNode(it, undefined, ctx));
            }
        }
        return seq;
    }
}
function asItemIndex(key) {
    let idx = identity.isScalar(key) ? key.value : key;
    if (idx && typeof idx === 'string')
        idx = Number(idx);
    return typeof idx === 'number' && Number.isInteger(idx) && idx >= 0
        ? idx
        : null;
}

exports.YAMLSeq = YAMLSeq;


/***/ }),

/***/ 7104:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var log = __nccwpck_require__(7249);
var merge = __nccwpck_require__(452);
var stringify = __nccwpck_require__(2148);
var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);

function addPairToJSMap(ctx, map, { key, value }) {
    if (identity.isNode(key) && key.addToJSMap)
        key.addToJSMap(ctx, map, value);
    // TODO: Should drop this special case for bare << handling
    else if (merge.isMergeKey(ctx, key))
        merge.addMergeToJSMap(ctx, map, value);
    else {
        const jsKey = toJS.toJS(key, '', ctx);
        if (map instanceof Map) {
            map.set(jsKey, toJS.toJS(value, jsKey, ctx));
        }
        else if (map instanceof Set) {
            map.add(jsKey);
        }
        else {
            const stringKey = stringifyKey(key, jsKey, ctx);
            const jsValue = toJS.toJS(value, stringKey, ctx);
            if (stringKey in map)
                Object.defineProperty(map, stringKey, {
                    value: jsValue,
                    writable: true,
                    enumerable: true,
                    configurable: true
                });
            else
                map[stringKey] = jsValue;
        }
    }
    return map;
}
function stringifyKey(key, jsKey, ctx) {
    if (jsKey === null)
        return '';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    if (typeof jsKey !== 'object')
        return String(jsKey);
    if (identity.isNode(key) && ctx?.doc) {
        const strCtx = stringify.createStringifyContext(ctx.doc, {});
        strCtx.anchors = new Set();
        for (const node of ctx.anchors.keys())
            strCtx.anchors.add(node.anchor);
        strCtx.inFlow = true;
        strCtx.inStringifyKey = true;
        const strKey = key.toString(strCtx);
        if (!ctx.mapKeyWarned) {
            let jsonStr = JSON.stringify(strKey);
            if (jsonStr.length > 40)
                jsonStr = jsonStr.substring(0, 36) + '..."';
            log.warn(ctx.doc.options.logLevel, `Keys with collection values will be stringified due to JS Object restrictions: ${jsonStr}. Set mapAsMap: true to use object keys.`);
            ctx.mapKeyWarned = true;
        }
        return strKey;
    }
    return JSON.stringify(jsKey);
}

exports.addPairToJSMap = addPairToJSMap;


/***/ }),

/***/ 1127:
/***/ ((__unused_webpack_module, exports) => {



const ALIAS = Symbol.for('yaml.alias');
const DOC = Symbol.for('yaml.document');
const MAP = Symbol.for('yaml.map');
const PAIR = Symbol.for('yaml.pair');
const SCALAR = Symbol.for('yaml.scalar');
const SEQ = Symbol.for('yaml.seq');
const NODE_TYPE = Symbol.for('yaml.node.type');
const isAlias = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === ALIAS;
const isDocument = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === DOC;
const isMap = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === MAP;
const isPair = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === PAIR;
const isScalar = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SCALAR;
const isSeq = (node) => !!node && typeof node === 'object' && node[NODE_TYPE] === SEQ;
function isCollection(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case MAP:
            case SEQ:
                return true;
        }
    return false;
}
function isNode(node) {
    if (node && typeof node === 'object')
        switch (node[NODE_TYPE]) {
            case ALIAS:
            case MAP:
            case SCALAR:
            case SEQ:
                return true;
        }
    return false;
}
const hasAnchor = (node) => (isScalar(node) || isCollection(node)) && !!node.anchor;

exports.ALIAS = ALIAS;
exports.DOC = DOC;
exports.MAP = MAP;
exports.NODE_TYPE = NODE_TYPE;
exports.PAIR = PAIR;
exports.SCALAR = SCALAR;
exports.SEQ = SEQ;
exports.hasAnchor = hasAnchor;
exports.isAlias = isAlias;
exports.isCollection = isCollection;
exports.isDocument = isDocument;
exports.isMap = isMap;
exports.isNode = isNode;
exports.isPair = isPair;
exports.isScalar = isScalar;
exports.isSeq = isSeq;


/***/ }),

/***/ 4043:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

/**
 * Recursively convert any node or its contents to native JavaScript
 *
 * @param value - The input value
 * @param arg - If `value` defines a `toJSON()` method, use this
 *   as its first argument
 * @param ctx - Conversion context, originally set in Document#toJS(). If
 *   `{ keep: true }` is not set, output should be suitable for JSON
 *   stringification.
 */
function toJS(value, arg, ctx) {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-return
    if (Array.isArray(value))
        return value.map((v, i) => toJS(v, String(i), ctx));
    if (value && typeof value.toJSON === 'function') {
        // eslint-disable-next-line @typescript-eslint/no-unsafe-call
        if (!ctx || !identity.hasAnchor(value))
            return value.toJSON(arg, ctx);
        const data = { aliasCount: 0, count: 1, res: undefined };
        ctx.anchors.set(value, data);
        ctx.onCreate = res => {
            data.res = res;
            delete ctx.onCreate;
        };
        const res = value.toJSON(arg, ctx);
        if (ctx.onCreate)
            ctx.onCreate(res);
        return res;
    }
    if (typeof value === 'bigint' && !ctx?.keep)
        return Number(value);
    return value;
}

exports.toJS = toJS;


/***/ }),

/***/ 110:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var resolveBlockScalar = __nccwpck_require__(8913);
var resolveFlowScalar = __nccwpck_require__(6842);
var errors = __nccwpck_require__(1464);
var stringifyString = __nccwpck_require__(3069);

function resolveAsScalar(token, strict = true, onError) {
    if (token) {
        const _onError = (pos, code, message) => {
            const offset = typeof pos === 'number' ? pos : Array.isArray(pos) ? pos[0] : pos.offset;
            if (onError)
                onError(offset, code, message);
            else
                throw new errors.YAMLParseError([offset, offset + 1], code, message);
        };
        switch (token.type) {
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return resolveFlowScalar.resolveFlowScalar(token, strict, _onError);
            case 'block-scalar':
                return resolveBlockScalar.resolveBlockScalar({ options: { strict } }, token, _onError);
        }
    }
    return null;
}
/**
 * Create a new scalar token with `value`
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.end Comments and whitespace after the end of the value, or after the block scalar header. If undefined, a newline will be added.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.indent The indent level of the token.
 * @param context.inFlow Is this scalar within a flow collection? This may affect the resolved type of the token's value.
 * @param context.offset The offset position of the token.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function createScalarToken(value, context) {
    const { implicitKey = false, indent, inFlow = false, offset = -1, type = 'PLAIN' } = context;
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey,
        indent: indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    const end = context.end ?? [
        { type: 'newline', offset: -1, indent, source: '\n' }
    ];
    switch (source[0]) {
        case '|':
        case '>': {
            const he = source.indexOf('\n');
            const head = source.substring(0, he);
            const body = source.substring(he + 1) + '\n';
            const props = [
                { type: 'block-scalar-header', offset, indent, source: head }
            ];
            if (!addEndtoBlockProps(props, end))
                props.push({ type: 'newline', offset: -1, indent, source: '\n' });
            return { type: 'block-scalar', offset, indent, props, source: body };
        }
        case '"':
            return { type: 'double-quoted-scalar', offset, indent, source, end };
        case "'":
            return { type: 'single-quoted-scalar', offset, indent, source, end };
        default:
            return { type: 'scalar', offset, indent, source, end };
    }
}
/**
 * Set the value of `token` to the given string `value`, overwriting any previous contents and type that it may have.
 *
 * Best efforts are made to retain any comments previously associated with the `token`,
 * though all contents within a collection's `items` will be overwritten.
 *
 * Values that represent an actual string but may be parsed as a different type should use a `type` other than `'PLAIN'`,
 * as this function does not support any schema operations and won't check for such conflicts.
 *
 * @param token Any token. If it does not include an `indent` value, the value will be stringified as if it were an implicit key.
 * @param value The string representation of the value, which will have its content properly indented.
 * @param context.afterKey In most cases, values after a key should have an additional level of indentation.
 * @param context.implicitKey Being within an implicit key may affect the resolved type of the token's value.
 * @param context.inFlow Being within a flow collection may affect the resolved type of the token's value.
 * @param context.type The preferred type of the scalar token. If undefined, the previous type of the `token` will be used, defaulting to `'PLAIN'`.
 */
function setScalarValue(token, value, context = {}) {
    let { afterKey = false, implicitKey = false, inFlow = false, type } = context;
    let indent = 'indent' in token ? token.indent : null;
    if (afterKey && typeof indent === 'number')
        indent += 2;
    if (!type)
        switch (token.type) {
            case 'single-quoted-scalar':
                type = 'QUOTE_SINGLE';
                break;
            case 'double-quoted-scalar':
                type = 'QUOTE_DOUBLE';
                break;
            case 'block-scalar': {
                const header = token.props[0];
                if (header.type !== 'block-scalar-header')
                    throw new Error('Invalid block scalar header');
                type = header.source[0] === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
                break;
            }
            default:
                type = 'PLAIN';
        }
    const source = stringifyString.stringifyString({ type, value }, {
        implicitKey: implicitKey || indent === null,
        indent: indent !== null && indent > 0 ? ' '.repeat(indent) : '',
        inFlow,
        options: { blockQuote: true, lineWidth: -1 }
    });
    switch (source[0]) {
        case '|':
        case '>':
            setBlockScalarValue(token, source);
            break;
        case '"':
            setFlowScalarValue(token, source, 'double-quoted-scalar');
            break;
        case "'":
            setFlowScalarValue(token, source, 'single-quoted-scalar');
            break;
        default:
            setFlowScalarValue(token, source, 'scalar');
    }
}
function setBlockScalarValue(token, source) {
    const he = source.indexOf('\n');
    const head = source.substring(0, he);
    const body = source.substring(he + 1) + '\n';
    if (token.type === 'block-scalar') {
        const header = token.props[0];
        if (header.type !== 'block-scalar-header')
            throw new Error('Invalid block scalar header');
        header.source = head;
        token.source = body;
    }
    else {
        const { offset } = token;
        const indent = 'indent' in token ? token.indent : -1;
        const props = [
            { type: 'block-scalar-header', offset, indent, source: head }
        ];
        if (!addEndtoBlockProps(props, 'end' in token ? token.end : undefined))
            props.push({ type: 'newline', offset: -1, indent, source: '\n' });
        for (const key of Object.keys(token))
            if (key !== 'type' && key !== 'offset')
                delete token[key];
        Object.assign(token, { type: 'block-scalar', indent, props, source: body });
    }
}
/** @returns `true` if last token is a newline */
function addEndtoBlockProps(props, end) {
    if (end)
        for (const st of end)
            switch (st.type) {
                case 'space':
                case 'comment':
                    props.push(st);
                    break;
                case 'newline':
                    props.push(st);
                    return true;
            }
    return false;
}
function setFlowScalarValue(token, source, type) {
    switch (token.type) {
        case 'scalar':
        case 'double-quoted-scalar':
        case 'single-quoted-scalar':
            token.type = type;
            token.source = source;
            break;
        case 'block-scalar': {
            const end = token.props.slice(1);
            let oa = source.length;
            if (token.props[0].type === 'block-scalar-header')
                oa -= token.props[0].source.length;
            for (const tok of end)
                tok.offset += oa;
            delete token.props;
            Object.assign(token, { type, source, end });
            break;
        }
        case 'block-map':
        case 'block-seq': {
            const offset = token.offset + source.length;
            const nl = { type: 'newline', offset, indent: token.indent, source: '\n' };
            delete token.items;
            Object.assign(token, { type, source, end: [nl] });
            break;
        }
        default: {
            const indent = 'indent' in token ? token.indent : -1;
            const end = 'end' in token && Array.isArray(token.end)
                ? token.end.filter(st => st.type === 'space' ||
                    st.type === 'comment' ||
                    st.type === 'newline')
                : [];
            for (const key of Object.keys(token))
                if (key !== 'type' && key !== 'offset')
                    delete token[key];
            Object.assign(token, { type, indent, source, end });
        }
    }
}

exports.createScalarToken = createScalarToken;
exports.resolveAsScalar = resolveAsScalar;
exports.setScalarValue = setScalarValue;


/***/ }),

/***/ 1733:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringify a CST document, token, or collection item
 *
 * Fair warning: This applies no validation whatsoever, and
 * simply concatenates the sources in their logical order.
 */
const stringify = (cst) => 'type' in cst ? stringifyToken(cst) : stringifyItem(cst);
function stringifyToken(token) {
    switch (token.type) {
        case 'block-scalar': {
            let res = '';
            for (const tok of token.props)
                res += stringifyToken(tok);
            return res + token.source;
        }
        case 'block-map':
        case 'block-seq': {
            let res = '';
            for (const item of token.items)
                res += stringifyItem(item);
            return res;
        }
        case 'flow-collection': {
            let res = token.start.source;
            for (const item of token.items)
                res += stringifyItem(item);
            for (const st of token.end)
                res += st.source;
            return res;
        }
        case 'document': {
            let res = stringifyItem(token);
            if (token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
        default: {
            let res = token.source;
            if ('end' in token && token.end)
                for (const st of token.end)
                    res += st.source;
            return res;
        }
    }
}
function stringifyItem({ start, key, sep, value }) {
    let res = '';
    for (const st of start)
        res += st.source;
    if (key)
        res += stringifyToken(key);
    if (sep)
        for (const st of sep)
            res += st.source;
    if (value)
        res += stringifyToken(value);
    return res;
}

exports.stringify = stringify;


/***/ }),

/***/ 7715:
/***/ ((__unused_webpack_module, exports) => {



const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove item');
/**
 * Apply a visitor to a CST document or item.
 *
 * Walks through the tree (depth-first) starting from the root, calling a
 * `visitor` function with two arguments when entering each item:
 *   - `item`: The current item, which included the following members:
 *     - `start: SourceToken[]` – Source tokens before the key or value,
 *       possibly including its anchor or tag.
 *     - `key?: Token | null` – Set for pair values. May then be `null`, if
 *       the key before the `:` separator is empty.
 *     - `sep?: SourceToken[]` – Source tokens between the key and the value,
 *       which should include the `:` map value indicator if `value` is set.
 *     - `value?: Token` – The value of a sequence item, or of a map pair.
 *   - `path`: The steps from the root to the current node, as an array of
 *     `['key' | 'value', number]` tuples.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this token, continue with
 *      next sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current item, then continue with the next one
 *   - `number`: Set the index of the next step. This is useful especially if
 *     the index of the current token has changed.
 *   - `function`: Define the next visitor for this item. After the original
 *     visitor is called on item entry, next visitors are called after handling
 *     a non-empty `key` and when exiting the item.
 */
function visit(cst, visitor) {
    if ('type' in cst && cst.type === 'document')
        cst = { start: cst.start, value: cst.value };
    _visit(Object.freeze([]), cst, visitor);
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current item */
visit.SKIP = SKIP;
/** Remove the current item */
visit.REMOVE = REMOVE;
/** Find the item at `path` from `cst` as the root */
visit.itemAtPath = (cst, path) => {
    let item = cst;
    for (const [field, index] of path) {
        const tok = item?.[field];
        if (tok && 'items' in tok) {
            item = tok.items[index];
        }
        else
            return undefined;
    }
    return item;
};
/**
 * Get the immediate parent collection of the item at `path` from `cst` as the root.
 *
 * Throws an error if the collection is not found, which should never happen if the item itself exists.
 */
visit.parentCollection = (cst, path) => {
    const parent = visit.itemAtPath(cst, path.slice(0, -1));
    const field = path[path.length - 1][0];
    const coll = parent?.[field];
    if (coll && 'items' in coll)
        return coll;
    throw new Error('Parent collection not found');
};
function _visit(path, item, visitor) {
    let ctrl = visitor(item, path);
    if (typeof ctrl === 'symbol')
        return ctrl;
    for (const field of ['key', 'value']) {
        const token = item[field];
        if (token && 'items' in token) {
            for (let i = 0; i < token.items.length; ++i) {
                const ci = _visit(Object.freeze(path.concat([[field, i]])), token.items[i], visitor);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    token.items.splice(i, 1);
                    i -= 1;
                }
            }
            if (typeof ctrl === 'function' && field === 'key')
                ctrl = ctrl(item, path);
        }
    }
    return typeof ctrl === 'function' ? ctrl(item, path) : ctrl;
}

exports.visit = visit;


/***/ }),

/***/ 3461:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cstScalar = __nccwpck_require__(110);
var cstStringify = __nccwpck_require__(1733);
var cstVisit = __nccwpck_require__(7715);

/** The byte order mark */
const BOM = '\u{FEFF}';
/** Start of doc-mode */
const DOCUMENT = '\x02'; // C0: Start of Text
/** Unexpected end of flow-mode */
const FLOW_END = '\x18'; // C0: Cancel
/** Next token is a scalar value */
const SCALAR = '\x1f'; // C0: Unit Separator
/** @returns `true` if `token` is a flow or block collection */
const isCollection = (token) => !!token && 'items' in token;
/** @returns `true` if `token` is a flow or block scalar; not an alias */
const isScalar = (token) => !!token &&
    (token.type === 'scalar' ||
        token.type === 'single-quoted-scalar' ||
        token.type === 'double-quoted-scalar' ||
        token.type === 'block-scalar');
/* istanbul ignore next */
/** Get a printable representation of a lexer token */
function prettyToken(token) {
    switch (token) {
        case BOM:
            return '<BOM>';
        case DOCUMENT:
            return '<DOC>';
        case FLOW_END:
            return '<FLOW_END>';
        case SCALAR:
            return '<SCALAR>';
        default:
            return JSON.stringify(token);
    }
}
/** Identify the type of a lexer token. May return `null` for unknown tokens. */
function tokenType(source) {
    switch (source) {
        case BOM:
            return 'byte-order-mark';
        case DOCUMENT:
            return 'doc-mode';
        case FLOW_END:
            return 'flow-error-end';
        case SCALAR:
            return 'scalar';
        case '---':
            return 'doc-start';
        case '...':
            return 'doc-end';
        case '':
        case '\n':
        case '\r\n':
            return 'newline';
        case '-':
            return 'seq-item-ind';
        case '?':
            return 'explicit-key-ind';
        case ':':
            return 'map-value-ind';
        case '{':
            return 'flow-map-start';
        case '}':
            return 'flow-map-end';
        case '[':
            return 'flow-seq-start';
        case ']':
            return 'flow-seq-end';
        case ',':
            return 'comma';
    }
    switch (source[0]) {
        case ' ':
        case '\t':
            return 'space';
        case '#':
            return 'comment';
        case '%':
            return 'directive-line';
        case '*':
            return 'alias';
        case '&':
            return 'anchor';
        case '!':
            return 'tag';
        case "'":
            return 'single-quoted-scalar';
        case '"':
            return 'double-quoted-scalar';
        case '|':
        case '>':
            return 'block-scalar-header';
    }
    return null;
}

exports.createScalarToken = cstScalar.createScalarToken;
exports.resolveAsScalar = cstScalar.resolveAsScalar;
exports.setScalarValue = cstScalar.setScalarValue;
exports.stringify = cstStringify.stringify;
exports.visit = cstVisit.visit;
exports.BOM = BOM;
exports.DOCUMENT = DOCUMENT;
exports.FLOW_END = FLOW_END;
exports.SCALAR = SCALAR;
exports.isCollection = isCollection;
exports.isScalar = isScalar;
exports.prettyToken = prettyToken;
exports.tokenType = tokenType;


/***/ }),

/***/ 361:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var cst = __nccwpck_require__(3461);

/*
START -> stream

stream
  directive -> line-end -> stream
  indent + line-end -> stream
  [else] -> line-start

line-end
  comment -> line-end
  newline -> .
  input-end -> END

line-start
  doc-start -> doc
  doc-end -> stream
  [else] -> indent -> block-start

block-start
  seq-item-start -> block-start
  explicit-key-start -> block-start
  map-value-start -> block-start
  [else] -> doc

doc
  line-end -> line-start
  spaces -> doc
  anchor -> doc
  tag -> doc
  flow-start -> flow -> doc
  flow-end -> error -> doc
  seq-item-start -> error -> doc
  explicit-key-start -> error -> doc
  map-value-start -> doc
  alias -> doc
  quote-start -> quoted-scalar -> doc
  block-scalar-header -> line-end -> block-scalar(min) -> line-start
  [else] -> plain-scalar(false, min) -> doc

flow
  line-end -> flow
  spaces -> flow
  anchor -> flow
  tag -> flow
  flow-start -> flow -> flow
  flow-end -> .
  seq-item-start -> error -> flow
  explicit-key-start -> flow
  map-value-start -> flow
  alias -> flow
  quote-start -> quoted-scalar -> flow
  comma -> flow
  [else] -> plain-scalar(true, 0) -> flow

quoted-scalar
  quote-end -> .
  [else] -> quoted-scalar

block-scalar(min)
  newline + peek(indent < min) -> .
  [else] -> block-scalar(min)

plain-scalar(is-flow, min)
  scalar-end(is-flow) -> .
  peek(newline + (indent < min)) -> .
  [else] -> plain-scalar(min)
*/
function isEmpty(ch) {
    switch (ch) {
        case undefined:
        case ' ':
        case '\n':
        case '\r':
        case '\t':
            return true;
        default:
            return false;
    }
}
const hexDigits = new Set('0123456789ABCDEFabcdef');
const tagChars = new Set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()");
const flowIndicatorChars = new Set(',[]{}');
const invalidAnchorChars = new Set(' ,[]{}\n\r\t');
const isNotAnchorChar = (ch) => !ch || invalidAnchorChars.has(ch);
/**
 * Splits an input string into lexical tokens, i.e. smaller strings that are
 * easily identifiable by `tokens.tokenType()`.
 *
 * Lexing starts always in a "stream" context. Incomplete input may be buffered
 * until a complete token can be emitted.
 *
 * In addition to slices of the original input, the following control characters
 * may also be emitted:
 *
 * - `\x02` (Start of Text): A document starts with the next token
 * - `\x18` (Cancel): Unexpected end of flow-mode (indicates an error)
 * - `\x1f` (Unit Separator): Next token is a scalar value
 * - `\u{FEFF}` (Byte order mark): Emitted separately outside documents
 */
class Lexer {
    constructor() {
        /**
         * Flag indicating whether the end of the current buffer marks the end of
         * all input
         */
        this.atEnd = false;
        /**
         * Explicit indent set in block scalar header, as an offset from the current
         * minimum indent, so e.g. set to 1 from a header `|2+`. Set to -1 if not
         * explicitly set.
         */
        this.blockScalarIndent = -1;
        /**
         * Block scalars that include a + (keep) chomping indicator in their header
         * include trailing empty lines, which are otherwise excluded from the
         * scalar's contents.
         */
        this.blockScalarKeep = false;
        /** Current input */
        this.buffer = '';
        /**
         * Flag noting whether the map value indicator : can immediately follow this
         * node within a flow context.
         */
        this.flowKey = false;
        /** Count of surrounding flow collection levels. */
        this.flowLevel = 0;
        /**
         * Minimum level of indentation required for next lines to be parsed as a
         * part of the current scalar value.
         */
        this.indentNext = 0;
        /** Indentation level of the current line. */
        this.indentValue = 0;
        /** Position of the next \n character. */
        this.lineEndPos = null;
        /** Stores the state of the lexer if reaching the end of incpomplete input */
        this.next = null;
        /** A pointer to `buffer`; the current position of the lexer. */
        this.pos = 0;
    }
    /**
     * Generate YAML tokens from the `source` string. If `incomplete`,
     * a part of the last line may be left as a buffer for the next call.
     *
     * @returns A generator of lexical tokens
     */
    *lex(source, incomplete = false) {
        if (source) {
            if (typeof source !== 'string')
                throw TypeError('source is not a string');
            this.buffer = this.buffer ? this.buffer + source : source;
            this.lineEndPos = null;
        }
        this.atEnd = !incomplete;
        let next = this.next ?? 'stream';
        while (next && (incomplete || this.hasChars(1)))
            next = yield* this.parseNext(next);
    }
    atLineEnd() {
        let i = this.pos;
        let ch = this.buffer[i];
        while (ch === ' ' || ch === '\t')
            ch = this.buffer[++i];
        if (!ch || ch === '#' || ch === '\n')
            return true;
        if (ch === '\r')
            return this.buffer[i + 1] === '\n';
        return false;
    }
    charAt(n) {
        return this.buffer[this.pos + n];
    }
    continueScalar(offset) {
        let ch = this.buffer[offset];
        if (this.indentNext > 0) {
            let indent = 0;
            while (ch === ' ')
                ch = this.buffer[++indent + offset];
            if (ch === '\r') {
                const next = this.buffer[indent + offset + 1];
                if (next === '\n' || (!next && !this.atEnd))
                    return offset + indent + 1;
            }
            return ch === '\n' || indent >= this.indentNext || (!ch && !this.atEnd)
                ? offset + indent
                : -1;
        }
        if (ch === '-' || ch === '.') {
            const dt = this.buffer.substr(offset, 3);
            if ((dt === '---' || dt === '...') && isEmpty(this.buffer[offset + 3]))
                return -1;
        }
        return offset;
    }
    getLine() {
        let end = this.lineEndPos;
        if (typeof end !== 'number' || (end !== -1 && end < this.pos)) {
            end = this.buffer.indexOf('\n', this.pos);
            this.lineEndPos = end;
        }
        if (end === -1)
            return this.atEnd ? this.buffer.substring(this.pos) : null;
        if (this.buffer[end - 1] === '\r')
            end -= 1;
        return this.buffer.substring(this.pos, end);
    }
    hasChars(n) {
        return this.pos + n <= this.buffer.length;
    }
    setNext(state) {
        this.buffer = this.buffer.substring(this.pos);
        this.pos = 0;
        this.lineEndPos = null;
        this.next = state;
        return null;
    }
    peek(n) {
        return this.buffer.substr(this.pos, n);
    }
    *parseNext(next) {
        switch (next) {
            case 'stream':
                return yield* this.parseStream();
            case 'line-start':
                return yield* this.parseLineStart();
            case 'block-start':
                return yield* this.parseBlockStart();
            case 'doc':
                return yield* this.parseDocument();
            case 'flow':
                return yield* this.parseFlowCollection();
            case 'quoted-scalar':
                return yield* this.parseQuotedScalar();
            case 'block-scalar':
                return yield* this.parseBlockScalar();
            case 'plain-scalar':
                return yield* this.parsePlainScalar();
        }
    }
    *parseStream() {
        let line = this.getLine();
        if (line === null)
            return this.setNext('stream');
        if (line[0] === cst.BOM) {
            yield* this.pushCount(1);
            line = line.substring(1);
        }
        if (line[0] === '%') {
            let dirEnd = line.length;
            let cs = line.indexOf('#');
            while (cs !== -1) {
                const ch = line[cs - 1];
                if (ch === ' ' || ch === '\t') {
                    dirEnd = cs - 1;
                    break;
                }
                else {
                    cs = line.indexOf('#', cs + 1);
                }
            }
            while (true) {
                const ch = line[dirEnd - 1];
                if (ch === ' ' || ch === '\t')
                    dirEnd -= 1;
                else
                    break;
            }
            const n = (yield* this.pushCount(dirEnd)) + (yield* this.pushSpaces(true));
            yield* this.pushCount(line.length - n); // possible comment
            this.pushNewline();
            return 'stream';
        }
        if (this.atLineEnd()) {
            const sp = yield* this.pushSpaces(true);
            yield* this.pushCount(line.length - sp);
            yield* this.pushNewline();
            return 'stream';
        }
        yield cst.DOCUMENT;
        return yield* this.parseLineStart();
    }
    *parseLineStart() {
        const ch = this.charAt(0);
        if (!ch && !this.atEnd)
            return this.setNext('line-start');
        if (ch === '-' || ch === '.') {
            if (!this.atEnd && !this.hasChars(4))
                return this.setNext('line-start');
            const s = this.peek(3);
            if ((s === '---' || s === '...') && isEmpty(this.charAt(3))) {
                yield* this.pushCount(3);
                this.indentValue = 0;
                this.indentNext = 0;
                return s === '---' ? 'doc' : 'stream';
            }
        }
        this.indentValue = yield* this.pushSpaces(false);
        if (this.indentNext > this.indentValue && !isEmpty(this.charAt(1)))
            this.indentNext = this.indentValue;
        return yield* this.parseBlockStart();
    }
    *parseBlockStart() {
        const [ch0, ch1] = this.peek(2);
        if (!ch1 && !this.atEnd)
            return this.setNext('block-start');
        if ((ch0 === '-' || ch0 === '?' || ch0 === ':') && isEmpty(ch1)) {
            const n = (yield* this.pushCount(1)) + (yield* this.pushSpaces(true));
            this.indentNext = this.indentValue + 1;
            this.indentValue += n;
            return 'block-start';
        }
        return 'doc';
    }
    *parseDocument() {
        yield* this.pushSpaces(true);
        const line = this.getLine();
        if (line === null)
            return this.setNext('doc');
        let n = yield* this.pushIndicators();
        switch (line[n]) {
            case '#':
                yield* this.pushCount(line.length - n);
            // fallthrough
            case undefined:
                yield* this.pushNewline();
                return yield* this.parseLineStart();
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel = 1;
                return 'flow';
            case '}':
            case ']':
                // this is an error
                yield* this.pushCount(1);
                return 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'doc';
            case '"':
            case "'":
                return yield* this.parseQuotedScalar();
            case '|':
            case '>':
                n += yield* this.parseBlockScalarHeader();
                n += yield* this.pushSpaces(true);
                yield* this.pushCount(line.length - n);
                yield* this.pushNewline();
                return yield* this.parseBlockScalar();
            default:
                return yield* this.parsePlainScalar();
        }
    }
    *parseFlowCollection() {
        let nl, sp;
        let indent = -1;
        do {
            nl = yield* this.pushNewline();
            if (nl > 0) {
                sp = yield* this.pushSpaces(false);
                this.indentValue = indent = sp;
            }
            else {
                sp = 0;
            }
            sp += yield* this.pushSpaces(true);
        } while (nl + sp > 0);
        const line = this.getLine();
        if (line === null)
            return this.setNext('flow');
        if ((indent !== -1 && indent < this.indentNext && line[0] !== '#') ||
            (indent === 0 &&
                (line.startsWith('---') || line.startsWith('...')) &&
                isEmpty(line[3]))) {
            // Allowing for the terminal ] or } at the same (rather than greater)
            // indent level as the initial [ or { is technically invalid, but
            // failing here would be surprising to users.
            const atFlowEndMarker = indent === this.indentNext - 1 &&
                this.flowLevel === 1 &&
                (line[0] === ']' || line[0] === '}');
            if (!atFlowEndMarker) {
                // this is an error
                this.flowLevel = 0;
                yield cst.FLOW_END;
                return yield* this.parseLineStart();
            }
        }
        let n = 0;
        while (line[n] === ',') {
            n += yield* this.pushCount(1);
            n += yield* this.pushSpaces(true);
            this.flowKey = false;
        }
        n += yield* this.pushIndicators();
        switch (line[n]) {
            case undefined:
                return 'flow';
            case '#':
                yield* this.pushCount(line.length - n);
                return 'flow';
            case '{':
            case '[':
                yield* this.pushCount(1);
                this.flowKey = false;
                this.flowLevel += 1;
                return 'flow';
            case '}':
            case ']':
                yield* this.pushCount(1);
                this.flowKey = true;
                this.flowLevel -= 1;
                return this.flowLevel ? 'flow' : 'doc';
            case '*':
                yield* this.pushUntil(isNotAnchorChar);
                return 'flow';
            case '"':
            case "'":
                this.flowKey = true;
                return yield* this.parseQuotedScalar();
            case ':': {
                const next = this.charAt(1);
                if (this.flowKey || isEmpty(next) || next === ',') {
                    this.flowKey = false;
                    yield* this.pushCount(1);
                    yield* this.pushSpaces(true);
                    return 'flow';
                }
            }
            // fallthrough
            default:
                this.flowKey = false;
                return yield* this.parsePlainScalar();
        }
    }
    *parseQuotedScalar() {
        const quote = this.charAt(0);
        let end = this.buffer.indexOf(quote, this.pos + 1);
        if (quote === "'") {
            while (end !== -1 && this.buffer[end + 1] === "'")
                end = this.buffer.indexOf("'", end + 2);
        }
        else {
            // double-quote
            while (end !== -1) {
                let n = 0;
                while (this.buffer[end - 1 - n] === '\\')
                    n += 1;
                if (n % 2 === 0)
                    break;
                end = this.buffer.indexOf('"', end + 1);
            }
        }
        // Only looking for newlines within the quotes
        const qb = this.buffer.substring(0, end);
        let nl = qb.indexOf('\n', this.pos);
        if (nl !== -1) {
            while (nl !== -1) {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = qb.indexOf('\n', cs);
            }
            if (nl !== -1) {
                // this is an error caused by an unexpected unindent
                end = nl - (qb[nl - 1] === '\r' ? 2 : 1);
            }
        }
        if (end === -1) {
            if (!this.atEnd)
                return this.setNext('quoted-scalar');
            end = this.buffer.length;
        }
        yield* this.pushToIndex(end + 1, false);
        return this.flowLevel ? 'flow' : 'doc';
    }
    *parseBlockScalarHeader() {
        this.blockScalarIndent = -1;
        this.blockScalarKeep = false;
        let i = this.pos;
        while (true) {
            const ch = this.buffer[++i];
            if (ch === '+')
                this.blockScalarKeep = true;
            else if (ch > '0' && ch <= '9')
                this.blockScalarIndent = Number(ch) - 1;
            else if (ch !== '-')
                break;
        }
        return yield* this.pushUntil(ch => isEmpty(ch) || ch === '#');
    }
    *parseBlockScalar() {
        let nl = this.pos - 1; // may be -1 if this.pos === 0
        let indent = 0;
        let ch;
        loop: for (let i = this.pos; (ch = this.buffer[i]); ++i) {
            switch (ch) {
                case ' ':
                    indent += 1;
                    break;
                case '\n':
                    nl = i;
                    indent = 0;
                    break;
                case '\r': {
                    const next = this.buffer[i + 1];
                    if (!next && !this.atEnd)
                        return this.setNext('block-scalar');
                    if (next === '\n')
                        break;
                } // fallthrough
                default:
                    break loop;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('block-scalar');
        if (indent >= this.indentNext) {
            if (this.blockScalarIndent === -1)
                this.indentNext = indent;
            else {
                this.indentNext =
                    this.blockScalarIndent + (this.indentNext === 0 ? 1 : this.indentNext);
            }
            do {
                const cs = this.continueScalar(nl + 1);
                if (cs === -1)
                    break;
                nl = this.buffer.indexOf('\n', cs);
            } while (nl !== -1);
            if (nl === -1) {
                if (!this.atEnd)
                    return this.setNext('block-scalar');
                nl = this.buffer.length;
            }
        }
        // Trailing insufficiently indented tabs are invalid.
        // To catch that during parsing, we include them in the block scalar value.
        let i = nl + 1;
        ch = this.buffer[i];
        while (ch === ' ')
            ch = this.buffer[++i];
        if (ch === '\t') {
            while (ch === '\t' || ch === ' ' || ch === '\r' || ch === '\n')
                ch = this.buffer[++i];
            nl = i - 1;
        }
        else if (!this.blockScalarKeep) {
            do {
                let i = nl - 1;
                let ch = this.buffer[i];
                if (ch === '\r')
                    ch = this.buffer[--i];
                const lastChar = i; // Drop the line if last char not more indented
                while (ch === ' ')
                    ch = this.buffer[--i];
                if (ch === '\n' && i >= this.pos && i + 1 + indent > lastChar)
                    nl = i;
                else
                    break;
            } while (true);
        }
        yield cst.SCALAR;
        yield* this.pushToIndex(nl + 1, true);
        return yield* this.parseLineStart();
    }
    *parsePlainScalar() {
        const inFlow = this.flowLevel > 0;
        let end = this.pos - 1;
        let i = this.pos - 1;
        let ch;
        while ((ch = this.buffer[++i])) {
            if (ch === ':') {
                const next = this.buffer[i + 1];
                if (isEmpty(next) || (inFlow && flowIndicatorChars.has(next)))
                    break;
                end = i;
            }
            else if (isEmpty(ch)) {
                let next = this.buffer[i + 1];
                if (ch === '\r') {
                    if (next === '\n') {
                        i += 1;
                        ch = '\n';
                        next = this.buffer[i + 1];
                    }
                    else
                        end = i;
                }
                if (next === '#' || (inFlow && flowIndicatorChars.has(next)))
                    break;
                if (ch === '\n') {
                    const cs = this.continueScalar(i + 1);
                    if (cs === -1)
                        break;
                    i = Math.max(i, cs - 2); // to advance, but still account for ' #'
                }
            }
            else {
                if (inFlow && flowIndicatorChars.has(ch))
                    break;
                end = i;
            }
        }
        if (!ch && !this.atEnd)
            return this.setNext('plain-scalar');
        yield cst.SCALAR;
        yield* this.pushToIndex(end + 1, true);
        return inFlow ? 'flow' : 'doc';
    }
    *pushCount(n) {
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos += n;
            return n;
        }
        return 0;
    }
    *pushToIndex(i, allowEmpty) {
        const s = this.buffer.slice(this.pos, i);
        if (s) {
            yield s;
            this.pos += s.length;
            return s.length;
        }
        else if (allowEmpty)
            yield '';
        return 0;
    }
    *pushIndicators() {
        let n = 0;
        loop: while (true) {
            switch (this.charAt(0)) {
                case '!':
                    n += yield* this.pushTag();
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '&':
                    n += yield* this.pushUntil(isNotAnchorChar);
                    n += yield* this.pushSpaces(true);
                    continue loop;
                case '-': // this is an error
                case '?': // this is an error outside flow collections
                case ':': {
                    const inFlow = this.flowLevel > 0;
                    const ch1 = this.charAt(1);
                    if (isEmpty(ch1) || (inFlow && flowIndicatorChars.has(ch1))) {
                        if (!inFlow)
                            this.indentNext = this.indentValue + 1;
                        else if (this.flowKey)
                            this.flowKey = false;
                        n += yield* this.pushCount(1);
                        n += yield* this.pushSpaces(true);
                        continue loop;
                    }
                }
            }
            break loop;
        }
        return n;
    }
    *pushTag() {
        if (this.charAt(1) === '<') {
            let i = this.pos + 2;
            let ch = this.buffer[i];
            while (!isEmpty(ch) && ch !== '>')
                ch = this.buffer[++i];
            return yield* this.pushToIndex(ch === '>' ? i + 1 : i, false);
        }
        else {
            let i = this.pos + 1;
            let ch = this.buffer[i];
            while (ch) {
                if (tagChars.has(ch))
                    ch = this.buffer[++i];
                else if (ch === '%' &&
                    hexDigits.has(this.buffer[i + 1]) &&
                    hexDigits.has(this.buffer[i + 2])) {
                    ch = this.buffer[(i += 3)];
                }
                else
                    break;
            }
            return yield* this.pushToIndex(i, false);
        }
    }
    *pushNewline() {
        const ch = this.buffer[this.pos];
        if (ch === '\n')
            return yield* this.pushCount(1);
        else if (ch === '\r' && this.charAt(1) === '\n')
            return yield* this.pushCount(2);
        else
            return 0;
    }
    *pushSpaces(allowTabs) {
        let i = this.pos - 1;
        let ch;
        do {
            ch = this.buffer[++i];
        } while (ch === ' ' || (allowTabs && ch === '\t'));
        const n = i - this.pos;
        if (n > 0) {
            yield this.buffer.substr(this.pos, n);
            this.pos = i;
        }
        return n;
    }
    *pushUntil(test) {
        let i = this.pos;
        let ch = this.buffer[i];
        while (!test(ch))
            ch = this.buffer[++i];
        return yield* this.pushToIndex(i, false);
    }
}

exports.Lexer = Lexer;


/***/ }),

/***/ 6628:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Tracks newlines during parsing in order to provide an efficient API for
 * determining the one-indexed `{ line, col }` position for any offset
 * within the input.
 */
class LineCounter {
    constructor() {
        this.lineStarts = [];
        /**
         * Should be called in ascending order. Otherwise, call
         * `lineCounter.lineStarts.sort()` before calling `linePos()`.
         */
        this.addNewLine = (offset) => this.lineStarts.push(offset);
        /**
         * Performs a binary search and returns the 1-indexed { line, col }
         * position of `offset`. If `line === 0`, `addNewLine` has never been
         * called or `offset` is before the first known newline.
         */
        this.linePos = (offset) => {
            let low = 0;
            let high = this.lineStarts.length;
            while (low < high) {
                const mid = (low + high) >> 1; // Math.floor((low + high) / 2)
                if (this.lineStarts[mid] < offset)
                    low = mid + 1;
                else
                    high = mid;
            }
            if (this.lineStarts[low] === offset)
                return { line: low + 1, col: 1 };
            if (low === 0)
                return { line: 0, col: offset };
            const start = this.lineStarts[low - 1];
            return { line: low, col: offset - start + 1 };
        };
    }
}

exports.LineCounter = LineCounter;


/***/ }),

/***/ 3456:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_process = __nccwpck_require__(932);
var cst = __nccwpck_require__(3461);
var lexer = __nccwpck_require__(361);

function includesToken(list, type) {
    for (let i = 0; i < list.length; ++i)
        if (list[i].type === type)
            return true;
    return false;
}
function findNonEmptyIndex(list) {
    for (let i = 0; i < list.length; ++i) {
        switch (list[i].type) {
            case 'space':
            case 'comment':
            case 'newline':
                break;
            default:
                return i;
        }
    }
    return -1;
}
function isFlowToken(token) {
    switch (token?.type) {
        case 'alias':
        case 'scalar':
        case 'single-quoted-scalar':
        case 'double-quoted-scalar':
        case 'flow-collection':
            return true;
        default:
            return false;
    }
}
function getPrevProps(parent) {
    switch (parent.type) {
        case 'document':
            return parent.start;
        case 'block-map': {
            const it = parent.items[parent.items.length - 1];
            return it.sep ?? it.start;
        }
        case 'block-seq':
            return parent.items[parent.items.length - 1].start;
        /* istanbul ignore next should not happen */
        default:
            return [];
    }
}
/** Note: May modify input array */
function getFirstKeyStartProps(prev) {
    if (prev.length === 0)
        return [];
    let i = prev.length;
    loop: while (--i >= 0) {
        switch (prev[i].type) {
            case 'doc-start':
            case 'explicit-key-ind':
            case 'map-value-ind':
            case 'seq-item-ind':
            case 'newline':
                break loop;
        }
    }
    while (prev[++i]?.type === 'space') {
        /* loop */
    }
    return prev.splice(i, prev.length);
}
function arrayPushArray(target, source) {
    // May exhaust call stack with large `source` array
    if (source.length < 1e5)
        Array.prototype.push.apply(target, source);
    else
        for (let i = 0; i < source.length; ++i)
            target.push(source[i]);
}
function fixFlowSeqItems(fc) {
    if (fc.start.type === 'flow-seq-start') {
        for (const it of fc.items) {
            if (it.sep &&
                !it.value &&
                !includesToken(it.start, 'explicit-key-ind') &&
                !includesToken(it.sep, 'map-value-ind')) {
                if (it.key)
                    it.value = it.key;
                delete it.key;
                if (isFlowToken(it.value)) {
                    if (it.value.end)
                        arrayPushArray(it.value.end, it.sep);
                    else
                        it.value.end = it.sep;
                }
                else
                    arrayPushArray(it.start, it.sep);
                delete it.sep;
            }
        }
    }
}
/**
 * A YAML concrete syntax tree (CST) parser
 *
 * ```ts
 * const src: string = ...
 * for (const token of new Parser().parse(src)) {
 *   // token: Token
 * }
 * ```
 *
 * To use the parser with a user-provided lexer:
 *
 * ```ts
 * function* parse(source: string, lexer: Lexer) {
 *   const parser = new Parser()
 *   for (const lexeme of lexer.lex(source))
 *     yield* parser.next(lexeme)
 *   yield* parser.end()
 * }
 *
 * const src: string = ...
 * const lexer = new Lexer()
 * for (const token of parse(src, lexer)) {
 *   // token: Token
 * }
 * ```
 */
class Parser {
    /**
     * @param onNewLine - If defined, called separately with the start position of
     *   each new line (in `parse()`, including the start of input).
     */
    constructor(onNewLine) {
        /** If true, space and sequence indicators count as indentation */
        this.atNewLine = true;
        /** If true, next token is a scalar value */
        this.atScalar = false;
        /** Current indentation level */
        this.indent = 0;
        /** Current offset since the start of parsing */
        this.offset = 0;
        /** On the same line with a block map key */
        this.onKeyLine = false;
        /** Top indicates the node that's currently being built */
        this.stack = [];
        /** The source of the current token, set in parse() */
        this.source = '';
        /** The type of the current token, set in parse() */
        this.type = '';
        // Must be defined after `next()`
        this.lexer = new lexer.Lexer();
        this.onNewLine = onNewLine;
    }
    /**
     * Parse `source` as a YAML stream.
     * If `incomplete`, a part of the last line may be left as a buffer for the next call.
     *
     * Errors are not thrown, but yielded as `{ type: 'error', message }` tokens.
     *
     * @returns A generator of tokens representing each directive, document, and other structure.
     */
    *parse(source, incomplete = false) {
        if (this.onNewLine && this.offset === 0)
            this.onNewLine(0);
        for (const lexeme of this.lexer.lex(source, incomplete))
            yield* this.next(lexeme);
        if (!incomplete)
            yield* this.end();
    }
    /**
     * Advance the parser by the `source` of one lexical token.
     */
    *next(source) {
        this.source = source;
        if (node_process.env.LOG_TOKENS)
            console.log('|', cst.prettyToken(source));
        if (this.atScalar) {
            this.atScalar = false;
            yield* this.step();
            this.offset += source.length;
            return;
        }
        const type = cst.tokenType(source);
        if (!type) {
            const message = `Not a YAML token: ${source}`;
            yield* this.pop({ type: 'error', offset: this.offset, message, source });
            this.offset += source.length;
        }
        else if (type === 'scalar') {
            this.atNewLine = false;
            this.atScalar = true;
            this.type = 'scalar';
        }
        else {
            this.type = type;
            yield* this.step();
            switch (type) {
                case 'newline':
                    this.atNewLine = true;
                    this.indent = 0;
                    if (this.onNewLine)
                        this.onNewLine(this.offset + source.length);
                    break;
                case 'space':
                    if (this.atNewLine && source[0] === ' ')
                        this.indent += source.length;
                    break;
                case 'explicit-key-ind':
                case 'map-value-ind':
                case 'seq-item-ind':
                    if (this.atNewLine)
                        this.indent += source.length;
                    break;
                case 'doc-mode':
                case 'flow-error-end':
                    return;
                default:
                    this.atNewLine = false;
            }
            this.offset += source.length;
        }
    }
    /** Call at end of input to push out any remaining constructions */
    *end() {
        while (this.stack.length > 0)
            yield* this.pop();
    }
    get sourceToken() {
        const st = {
            type: this.type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
        return st;
    }
    *step() {
        const top = this.peek(1);
        if (this.type === 'doc-end' && top?.type !== 'doc-end') {
            while (this.stack.length > 0)
                yield* this.pop();
            this.stack.push({
                type: 'doc-end',
                offset: this.offset,
                source: this.source
            });
            return;
        }
        if (!top)
            return yield* this.stream();
        switch (top.type) {
            case 'document':
                return yield* this.document(top);
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return yield* this.scalar(top);
            case 'block-scalar':
                return yield* this.blockScalar(top);
            case 'block-map':
                return yield* this.blockMap(top);
            case 'block-seq':
                return yield* this.blockSequence(top);
            case 'flow-collection':
                return yield* this.flowCollection(top);
            case 'doc-end':
                return yield* this.documentEnd(top);
        }
        /* istanbul ignore next should not happen */
        yield* this.pop();
    }
    peek(n) {
        return this.stack[this.stack.length - n];
    }
    *pop(error) {
        const token = error ?? this.stack.pop();
        /* istanbul ignore if should not happen */
        if (!token) {
            const message = 'Tried to pop an empty stack';
            yield { type: 'error', offset: this.offset, source: '', message };
        }
        else if (this.stack.length === 0) {
            yield token;
        }
        else {
            const top = this.peek(1);
            if (token.type === 'block-scalar') {
                // Block scalars use their parent rather than header indent
                token.indent = 'indent' in top ? top.indent : 0;
            }
            else if (token.type === 'flow-collection' && top.type === 'document') {
                // Ignore all indent for top-level flow collections
                token.indent = 0;
            }
            if (token.type === 'flow-collection')
                fixFlowSeqItems(token);
            switch (top.type) {
                case 'document':
                    top.value = token;
                    break;
                case 'block-scalar':
                    top.props.push(token); // error
                    break;
                case 'block-map': {
                    const it = top.items[top.items.length - 1];
                    if (it.value) {
                        top.items.push({ start: [], key: token, sep: [] });
                        this.onKeyLine = true;
                        return;
                    }
                    else if (it.sep) {
                        it.value = token;
                    }
                    else {
                        Object.assign(it, { key: token, sep: [] });
                        this.onKeyLine = !it.explicitKey;
                        return;
                    }
                    break;
                }
                case 'block-seq': {
                    const it = top.items[top.items.length - 1];
                    if (it.value)
                        top.items.push({ start: [], value: token });
                    else
                        it.value = token;
                    break;
                }
                case 'flow-collection': {
                    const it = top.items[top.items.length - 1];
                    if (!it || it.value)
                        top.items.push({ start: [], key: token, sep: [] });
                    else if (it.sep)
                        it.value = token;
                    else
                        Object.assign(it, { key: token, sep: [] });
                    return;
                }
                /* istanbul ignore next should not happen */
                default:
                    yield* this.pop();
                    yield* this.pop(token);
            }
            if ((top.type === 'document' ||
                top.type === 'block-map' ||
                top.type === 'block-seq') &&
                (token.type === 'block-map' || token.type === 'block-seq')) {
                const last = token.items[token.items.length - 1];
                if (last &&
                    !last.sep &&
                    !last.value &&
                    last.start.length > 0 &&
                    findNonEmptyIndex(last.start) === -1 &&
                    (token.indent === 0 ||
                        last.start.every(st => st.type !== 'comment' || st.indent < token.indent))) {
                    if (top.type === 'document')
                        top.end = last.start;
                    else
                        top.items.push({ start: last.start });
                    token.items.splice(-1, 1);
                }
            }
        }
    }
    *stream() {
        switch (this.type) {
            case 'directive-line':
                yield { type: 'directive', offset: this.offset, source: this.source };
                return;
            case 'byte-order-mark':
            case 'space':
            case 'comment':
            case 'newline':
                yield this.sourceToken;
                return;
            case 'doc-mode':
            case 'doc-start': {
                const doc = {
                    type: 'document',
                    offset: this.offset,
                    start: []
                };
                if (this.type === 'doc-start')
                    doc.start.push(this.sourceToken);
                this.stack.push(doc);
                return;
            }
        }
        yield {
            type: 'error',
            offset: this.offset,
            message: `Unexpected ${this.type} token in YAML stream`,
            source: this.source
        };
    }
    *document(doc) {
        if (doc.value)
            return yield* this.lineEnd(doc);
        switch (this.type) {
            case 'doc-start': {
                if (findNonEmptyIndex(doc.start) !== -1) {
                    yield* this.pop();
                    yield* this.step();
                }
                else
                    doc.start.push(this.sourceToken);
                return;
            }
            case 'anchor':
            case 'tag':
            case 'space':
            case 'comment':
            case 'newline':
                doc.start.push(this.sourceToken);
                return;
        }
        const bv = this.startBlockValue(doc);
        if (bv)
            this.stack.push(bv);
        else {
            yield {
                type: 'error',
                offset: this.offset,
                message: `Unexpected ${this.type} token in YAML document`,
                source: this.source
            };
        }
    }
    *scalar(scalar) {
        if (this.type === 'map-value-ind') {
            const prev = getPrevProps(this.peek(2));
            const start = getFirstKeyStartProps(prev);
            let sep;
            if (scalar.end) {
                sep = scalar.end;
                sep.push(this.sourceToken);
                delete scalar.end;
            }
            else
                sep = [this.sourceToken];
            const map = {
                type: 'block-map',
                offset: scalar.offset,
                indent: scalar.indent,
                items: [{ start, key: scalar, sep }]
            };
            this.onKeyLine = true;
            this.stack[this.stack.length - 1] = map;
        }
        else
            yield* this.lineEnd(scalar);
    }
    *blockScalar(scalar) {
        switch (this.type) {
            case 'space':
            case 'comment':
            case 'newline':
                scalar.props.push(this.sourceToken);
                return;
            case 'scalar':
                scalar.source = this.source;
                // block-scalar source includes trailing newline
                this.atNewLine = true;
                this.indent = 0;
                if (this.onNewLine) {
                    let nl = this.source.indexOf('\n') + 1;
                    while (nl !== 0) {
                        this.onNewLine(this.offset + nl);
                        nl = this.source.indexOf('\n', nl) + 1;
                    }
                }
                yield* this.pop();
                break;
            /* istanbul ignore next should not happen */
            default:
                yield* this.pop();
                yield* this.step();
        }
    }
    *blockMap(map) {
        const it = map.items[map.items.length - 1];
        // it.sep is true-ish if pair already has key or : separator
        switch (this.type) {
            case 'newline':
                this.onKeyLine = false;
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    it.start.push(this.sourceToken);
                }
                return;
            case 'space':
            case 'comment':
                if (it.value) {
                    map.items.push({ start: [this.sourceToken] });
                }
                else if (it.sep) {
                    it.sep.push(this.sourceToken);
                }
                else {
                    if (this.atIndentedComment(it.start, map.indent)) {
                        const prev = map.items[map.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            map.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
        }
        if (this.indent >= map.indent) {
            const atMapIndent = !this.onKeyLine && this.indent === map.indent;
            const atNextItem = atMapIndent &&
                (it.sep || it.explicitKey) &&
                this.type !== 'seq-item-ind';
            // For empty nodes, assign newline-separated not indented empty tokens to following node
            let start = [];
            if (atNextItem && it.sep && !it.value) {
                const nl = [];
                for (let i = 0; i < it.sep.length; ++i) {
                    const st = it.sep[i];
                    switch (st.type) {
                        case 'newline':
                            nl.push(i);
                            break;
                        case 'space':
                            break;
                        case 'comment':
                            if (st.indent > map.indent)
                                nl.length = 0;
                            break;
                        default:
                            nl.length = 0;
                    }
                }
                if (nl.length >= 2)
                    start = it.sep.splice(nl[1]);
            }
            switch (this.type) {
                case 'anchor':
                case 'tag':
                    if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        it.sep.push(this.sourceToken);
                    }
                    else {
                        it.start.push(this.sourceToken);
                    }
                    return;
                case 'explicit-key-ind':
                    if (!it.sep && !it.explicitKey) {
                        it.start.push(this.sourceToken);
                        it.explicitKey = true;
                    }
                    else if (atNextItem || it.value) {
                        start.push(this.sourceToken);
                        map.items.push({ start, explicitKey: true });
                    }
                    else {
                        this.stack.push({
                            type: 'block-map',
                            offset: this.offset,
                            indent: this.indent,
                            items: [{ start: [this.sourceToken], explicitKey: true }]
                        });
                    }
                    this.onKeyLine = true;
                    return;
                case 'map-value-ind':
                    if (it.explicitKey) {
                        if (!it.sep) {
                            if (includesToken(it.start, 'newline')) {
                                Object.assign(it, { key: null, sep: [this.sourceToken] });
                            }
                            else {
                                const start = getFirstKeyStartProps(it.start);
                                this.stack.push({
                                    type: 'block-map',
                                    offset: this.offset,
                                    indent: this.indent,
                                    items: [{ start, key: null, sep: [this.sourceToken] }]
                                });
                            }
                        }
                        else if (it.value) {
                            map.items.push({ start: [], key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else if (isFlowToken(it.key) &&
                            !includesToken(it.sep, 'newline')) {
                            const start = getFirstKeyStartProps(it.start);
                            const key = it.key;
                            const sep = it.sep;
                            sep.push(this.sourceToken);
                            // @ts-expect-error type guard is wrong here
                            delete it.key;
                            // @ts-expect-error type guard is wrong here
                            delete it.sep;
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start, key, sep }]
                            });
                        }
                        else if (start.length > 0) {
                            // Not actually at next item
                            it.sep = it.sep.concat(start, this.sourceToken);
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    else {
                        if (!it.sep) {
                            Object.assign(it, { key: null, sep: [this.sourceToken] });
                        }
                        else if (it.value || atNextItem) {
                            map.items.push({ start, key: null, sep: [this.sourceToken] });
                        }
                        else if (includesToken(it.sep, 'map-value-ind')) {
                            this.stack.push({
                                type: 'block-map',
                                offset: this.offset,
                                indent: this.indent,
                                items: [{ start: [], key: null, sep: [this.sourceToken] }]
                            });
                        }
                        else {
                            it.sep.push(this.sourceToken);
                        }
                    }
                    this.onKeyLine = true;
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (atNextItem || it.value) {
                        map.items.push({ start, key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    else if (it.sep) {
                        this.stack.push(fs);
                    }
                    else {
                        Object.assign(it, { key: fs, sep: [] });
                        this.onKeyLine = true;
                    }
                    return;
                }
                default: {
                    const bv = this.startBlockValue(map);
                    if (bv) {
                        if (bv.type === 'block-seq') {
                            if (!it.explicitKey &&
                                it.sep &&
                                !includesToken(it.sep, 'newline')) {
                                yield* this.pop({
                                    type: 'error',
                                    offset: this.offset,
                                    message: 'Unexpected block-seq-ind on same line with key',
                                    source: this.source
                                });
                                return;
                            }
                        }
                        else if (atMapIndent) {
                            map.items.push({ start });
                        }
                        this.stack.push(bv);
                        return;
                    }
                }
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *blockSequence(seq) {
        const it = seq.items[seq.items.length - 1];
        switch (this.type) {
            case 'newline':
                if (it.value) {
                    const end = 'end' in it.value ? it.value.end : undefined;
                    const last = Array.isArray(end) ? end[end.length - 1] : undefined;
                    if (last?.type === 'comment')
                        end?.push(this.sourceToken);
                    else
                        seq.items.push({ start: [this.sourceToken] });
                }
                else
                    it.start.push(this.sourceToken);
                return;
            case 'space':
            case 'comment':
                if (it.value)
                    seq.items.push({ start: [this.sourceToken] });
                else {
                    if (this.atIndentedComment(it.start, seq.indent)) {
                        const prev = seq.items[seq.items.length - 2];
                        const end = prev?.value?.end;
                        if (Array.isArray(end)) {
                            arrayPushArray(end, it.start);
                            end.push(this.sourceToken);
                            seq.items.pop();
                            return;
                        }
                    }
                    it.start.push(this.sourceToken);
                }
                return;
            case 'anchor':
            case 'tag':
                if (it.value || this.indent <= seq.indent)
                    break;
                it.start.push(this.sourceToken);
                return;
            case 'seq-item-ind':
                if (this.indent !== seq.indent)
                    break;
                if (it.value || includesToken(it.start, 'seq-item-ind'))
                    seq.items.push({ start: [this.sourceToken] });
                else
                    it.start.push(this.sourceToken);
                return;
        }
        if (this.indent > seq.indent) {
            const bv = this.startBlockValue(seq);
            if (bv) {
                this.stack.push(bv);
                return;
            }
        }
        yield* this.pop();
        yield* this.step();
    }
    *flowCollection(fc) {
        const it = fc.items[fc.items.length - 1];
        if (this.type === 'flow-error-end') {
            let top;
            do {
                yield* this.pop();
                top = this.peek(1);
            } while (top?.type === 'flow-collection');
        }
        else if (fc.end.length === 0) {
            switch (this.type) {
                case 'comma':
                case 'explicit-key-ind':
                    if (!it || it.sep)
                        fc.items.push({ start: [this.sourceToken] });
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'map-value-ind':
                    if (!it || it.value)
                        fc.items.push({ start: [], key: null, sep: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        Object.assign(it, { key: null, sep: [this.sourceToken] });
                    return;
                case 'space':
                case 'comment':
                case 'newline':
                case 'anchor':
                case 'tag':
                    if (!it || it.value)
                        fc.items.push({ start: [this.sourceToken] });
                    else if (it.sep)
                        it.sep.push(this.sourceToken);
                    else
                        it.start.push(this.sourceToken);
                    return;
                case 'alias':
                case 'scalar':
                case 'single-quoted-scalar':
                case 'double-quoted-scalar': {
                    const fs = this.flowScalar(this.type);
                    if (!it || it.value)
                        fc.items.push({ start: [], key: fs, sep: [] });
                    else if (it.sep)
                        this.stack.push(fs);
                    else
                        Object.assign(it, { key: fs, sep: [] });
                    return;
                }
                case 'flow-map-end':
                case 'flow-seq-end':
                    fc.end.push(this.sourceToken);
                    return;
            }
            const bv = this.startBlockValue(fc);
            /* istanbul ignore else should not happen */
            if (bv)
                this.stack.push(bv);
            else {
                yield* this.pop();
                yield* this.step();
            }
        }
        else {
            const parent = this.peek(2);
            if (parent.type === 'block-map' &&
                ((this.type === 'map-value-ind' && parent.indent === fc.indent) ||
                    (this.type === 'newline' &&
                        !parent.items[parent.items.length - 1].sep))) {
                yield* this.pop();
                yield* this.step();
            }
            else if (this.type === 'map-value-ind' &&
                parent.type !== 'flow-collection') {
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                fixFlowSeqItems(fc);
                const sep = fc.end.splice(1, fc.end.length);
                sep.push(this.sourceToken);
                const map = {
                    type: 'block-map',
                    offset: fc.offset,
                    indent: fc.indent,
                    items: [{ start, key: fc, sep }]
                };
                this.onKeyLine = true;
                this.stack[this.stack.length - 1] = map;
            }
            else {
                yield* this.lineEnd(fc);
            }
        }
    }
    flowScalar(type) {
        if (this.onNewLine) {
            let nl = this.source.indexOf('\n') + 1;
            while (nl !== 0) {
                this.onNewLine(this.offset + nl);
                nl = this.source.indexOf('\n', nl) + 1;
            }
        }
        return {
            type,
            offset: this.offset,
            indent: this.indent,
            source: this.source
        };
    }
    startBlockValue(parent) {
        switch (this.type) {
            case 'alias':
            case 'scalar':
            case 'single-quoted-scalar':
            case 'double-quoted-scalar':
                return this.flowScalar(this.type);
            case 'block-scalar-header':
                return {
                    type: 'block-scalar',
                    offset: this.offset,
                    indent: this.indent,
                    props: [this.sourceToken],
                    source: ''
                };
            case 'flow-map-start':
            case 'flow-seq-start':
                return {
                    type: 'flow-collection',
                    offset: this.offset,
                    indent: this.indent,
                    start: this.sourceToken,
                    items: [],
                    end: []
                };
            case 'seq-item-ind':
                return {
                    type: 'block-seq',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start: [this.sourceToken] }]
                };
            case 'explicit-key-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                start.push(this.sourceToken);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, explicitKey: true }]
                };
            }
            case 'map-value-ind': {
                this.onKeyLine = true;
                const prev = getPrevProps(parent);
                const start = getFirstKeyStartProps(prev);
                return {
                    type: 'block-map',
                    offset: this.offset,
                    indent: this.indent,
                    items: [{ start, key: null, sep: [this.sourceToken] }]
                };
            }
        }
        return null;
    }
    atIndentedComment(start, indent) {
        if (this.type !== 'comment')
            return false;
        if (this.indent <= indent)
            return false;
        return start.every(st => st.type === 'newline' || st.type === 'space');
    }
    *documentEnd(docEnd) {
        if (this.type !== 'doc-mode') {
            if (docEnd.end)
                docEnd.end.push(this.sourceToken);
            else
                docEnd.end = [this.sourceToken];
            if (this.type === 'newline')
                yield* this.pop();
        }
    }
    *lineEnd(token) {
        switch (this.type) {
            case 'comma':
            case 'doc-start':
            case 'doc-end':
            case 'flow-seq-end':
            case 'flow-map-end':
            case 'map-value-ind':
                yield* this.pop();
                yield* this.step();
                break;
            case 'newline':
                this.onKeyLine = false;
            // fallthrough
            case 'space':
            case 'comment':
            default:
                // all other values are errors
                if (token.end)
                    token.end.push(this.sourceToken);
                else
                    token.end = [this.sourceToken];
                if (this.type === 'newline')
                    yield* this.pop();
        }
    }
}

exports.Parser = Parser;


/***/ }),

/***/ 4047:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var composer = __nccwpck_require__(9984);
var Document = __nccwpck_require__(3021);
var errors = __nccwpck_require__(1464);
var log = __nccwpck_require__(7249);
var identity = __nccwpck_require__(1127);
var lineCounter = __nccwpck_require__(6628);
var parser = __nccwpck_require__(3456);

function parseOptions(options) {
    const prettyErrors = options.prettyErrors !== false;
    const lineCounter$1 = options.lineCounter || (prettyErrors && new lineCounter.LineCounter()) || null;
    return { lineCounter: lineCounter$1, prettyErrors };
}
/**
 * Parse the input as a stream of YAML documents.
 *
 * Documents should be separated from each other by `...` or `---` marker lines.
 *
 * @returns If an empty `docs` array is returned, it will be of type
 *   EmptyStream and contain additional stream information. In
 *   TypeScript, you should use `'empty' in docs` as a type guard for it.
 */
function parseAllDocuments(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    const docs = Array.from(composer$1.compose(parser$1.parse(source)));
    if (prettyErrors && lineCounter)
        for (const doc of docs) {
            doc.errors.forEach(errors.prettifyError(source, lineCounter));
            doc.warnings.forEach(errors.prettifyError(source, lineCounter));
        }
    if (docs.length > 0)
        return docs;
    return Object.assign([], { empty: true }, composer$1.streamInfo());
}
/** Parse an input string into a single YAML.Document */
function parseDocument(source, options = {}) {
    const { lineCounter, prettyErrors } = parseOptions(options);
    const parser$1 = new parser.Parser(lineCounter?.addNewLine);
    const composer$1 = new composer.Composer(options);
    // `doc` is always set by compose.end(true) at the very latest
    let doc = null;
    for (const _doc of composer$1.compose(parser$1.parse(source), true, source.length)) {
        if (!doc)
            doc = _doc;
        else if (doc.options.logLevel !== 'silent') {
            doc.errors.push(new errors.YAMLParseError(_doc.range.slice(0, 2), 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
            break;
        }
    }
    if (prettyErrors && lineCounter) {
        doc.errors.forEach(errors.prettifyError(source, lineCounter));
        doc.warnings.forEach(errors.prettifyError(source, lineCounter));
    }
    return doc;
}
function parse(src, reviver, options) {
    let _reviver = undefined;
    if (typeof reviver === 'function') {
        _reviver = reviver;
    }
    else if (options === undefined && reviver && typeof reviver === 'object') {
        options = reviver;
    }
    const doc = parseDocument(src, options);
    if (!doc)
        return null;
    doc.warnings.forEach(warning => log.warn(doc.options.logLevel, warning));
    if (doc.errors.length > 0) {
        if (doc.options.logLevel !== 'silent')
            throw doc.errors[0];
        else
            doc.errors = [];
    }
    return doc.toJS(Object.assign({ reviver: _reviver }, options));
}
function stringify(value, replacer, options) {
    let _replacer = null;
    if (typeof replacer === 'function' || Array.isArray(replacer)) {
        _replacer = replacer;
    }
    else if (options === undefined && replacer) {
        options = replacer;
    }
    if (typeof options === 'string')
        options = options.length;
    if (typeof options === 'number') {
        const indent = Math.round(options);
        options = indent < 1 ? undefined : indent > 8 ? { indent: 8 } : { indent };
    }
    if (value === undefined) {
        const { keepUndefined } = options ?? replacer ?? {};
        if (!keepUndefined)
            return undefined;
    }
    if (identity.isDocument(value) && !_replacer)
        return value.toString(options);
    return new Document.Document(value, _replacer, options).toString(options);
}

exports.parse = parse;
exports.parseAllDocuments = parseAllDocuments;
exports.parseDocument = parseDocument;
exports.stringify = stringify;


/***/ }),

/***/ 5840:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var tags = __nccwpck_require__(18);

const sortMapEntriesByKey = (a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
class Schema {
    constructor({ compat, customTags, merge, resolveKnownTags, schema, sortMapEntries, toStringDefaults }) {
        this.compat = Array.isArray(compat)
            ? tags.getTags(compat, 'compat')
            : compat
                ? tags.getTags(null, compat)
                : null;
        this.name = (typeof schema === 'string' && schema) || 'core';
        this.knownTags = resolveKnownTags ? tags.coreKnownTags : {};
        this.tags = tags.getTags(customTags, this.name, merge);
        this.toStringOptions = toStringDefaults ?? null;
        Object.defineProperty(this, identity.MAP, { value: map.map });
        Object.defineProperty(this, identity.SCALAR, { value: string.string });
        Object.defineProperty(this, identity.SEQ, { value: seq.seq });
        // Used by createMap()
        this.sortMapEntries =
            typeof sortMapEntries === 'function'
                ? sortMapEntries
                : sortMapEntries === true
                    ? sortMapEntriesByKey
                    : null;
    }
    clone() {
        const copy = Object.create(Schema.prototype, Object.getOwnPropertyDescriptors(this));
        copy.tags = this.tags.slice();
        return copy;
    }
}

exports.Schema = Schema;


/***/ }),

/***/ 7451:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLMap = __nccwpck_require__(4454);

const map = {
    collection: 'map',
    default: true,
    nodeClass: YAMLMap.YAMLMap,
    tag: 'tag:yaml.org,2002:map',
    resolve(map, onError) {
        if (!identity.isMap(map))
            onError('Expected a mapping for this tag');
        return map;
    },
    createNode: (schema, obj, ctx) => YAMLMap.YAMLMap.from(schema, obj, ctx)
};

exports.map = map;


/***/ }),

/***/ 3632:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const nullTag = {
    identify: value => value == null,
    createNode: () => new Scalar.Scalar(null),
    default: true,
    tag: 'tag:yaml.org,2002:null',
    test: /^(?:~|[Nn]ull|NULL)?$/,
    resolve: () => new Scalar.Scalar(null),
    stringify: ({ source }, ctx) => typeof source === 'string' && nullTag.test.test(source)
        ? source
        : ctx.options.nullStr
};

exports.nullTag = nullTag;


/***/ }),

/***/ 1706:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var YAMLSeq = __nccwpck_require__(2223);

const seq = {
    collection: 'seq',
    default: true,
    nodeClass: YAMLSeq.YAMLSeq,
    tag: 'tag:yaml.org,2002:seq',
    resolve(seq, onError) {
        if (!identity.isSeq(seq))
            onError('Expected a sequence for this tag');
        return seq;
    },
    createNode: (schema, obj, ctx) => YAMLSeq.YAMLSeq.from(schema, obj, ctx)
};

exports.seq = seq;


/***/ }),

/***/ 6464:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyString = __nccwpck_require__(3069);

const string = {
    identify: value => typeof value === 'string',
    default: true,
    tag: 'tag:yaml.org,2002:str',
    resolve: str => str,
    stringify(item, ctx, onComment, onChompKeep) {
        ctx = Object.assign({ actualString: true }, ctx);
        return stringifyString.stringifyString(item, ctx, onComment, onChompKeep);
    }
};

exports.string = string;


/***/ }),

/***/ 3959:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

const boolTag = {
    identify: value => typeof value === 'boolean',
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
    resolve: str => new Scalar.Scalar(str[0] === 't' || str[0] === 'T'),
    stringify({ source, value }, ctx) {
        if (source && boolTag.test.test(source)) {
            const sv = source[0] === 't' || source[0] === 'T';
            if (value === sv)
                return source;
        }
        return value ? ctx.options.trueStr : ctx.options.falseStr;
    }
};

exports.boolTag = boolTag;


/***/ }),

/***/ 8405:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: str => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
    resolve: str => parseFloat(str),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str));
        const dot = str.indexOf('.');
        if (dot !== -1 && str[str.length - 1] === '0')
            node.minFractionDigits = str.length - dot - 1;
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 9874:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
const intResolve = (str, offset, radix, { intAsBigInt }) => (intAsBigInt ? BigInt(str) : parseInt(str.substring(offset), radix));
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value) && value >= 0)
        return prefix + value.toString(radix);
    return stringifyNumber.stringifyNumber(node);
}
const intOct = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^0o[0-7]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 8, opt),
    stringify: node => intStringify(node, 8, '0o')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: value => intIdentify(value) && value >= 0,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^0x[0-9a-fA-F]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 896:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.boolTag,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float
];

exports.schema = schema;


/***/ }),

/***/ 3559:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var map = __nccwpck_require__(7451);
var seq = __nccwpck_require__(1706);

function intIdentify(value) {
    return typeof value === 'bigint' || Number.isInteger(value);
}
const stringifyJSON = ({ value }) => JSON.stringify(value);
const jsonScalars = [
    {
        identify: value => typeof value === 'string',
        default: true,
        tag: 'tag:yaml.org,2002:str',
        resolve: str => str,
        stringify: stringifyJSON
    },
    {
        identify: value => value == null,
        createNode: () => new Scalar.Scalar(null),
        default: true,
        tag: 'tag:yaml.org,2002:null',
        test: /^null$/,
        resolve: () => null,
        stringify: stringifyJSON
    },
    {
        identify: value => typeof value === 'boolean',
        default: true,
        tag: 'tag:yaml.org,2002:bool',
        test: /^true$|^false$/,
        resolve: str => str === 'true',
        stringify: stringifyJSON
    },
    {
        identify: intIdentify,
        default: true,
        tag: 'tag:yaml.org,2002:int',
        test: /^-?(?:0|[1-9][0-9]*)$/,
        resolve: (str, _onError, { intAsBigInt }) => intAsBigInt ? BigInt(str) : parseInt(str, 10),
        stringify: ({ value }) => intIdentify(value) ? value.toString() : JSON.stringify(value)
    },
    {
        identify: value => typeof value === 'number',
        default: true,
        tag: 'tag:yaml.org,2002:float',
        test: /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?$/,
        resolve: str => parseFloat(str),
        stringify: stringifyJSON
    }
];
const jsonError = {
    default: true,
    tag: '',
    test: /^/,
    resolve(str, onError) {
        onError(`Unresolved plain scalar ${JSON.stringify(str)}`);
        return str;
    }
};
const schema = [map.map, seq.seq].concat(jsonScalars, jsonError);

exports.schema = schema;


/***/ }),

/***/ 18:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var bool = __nccwpck_require__(3959);
var float = __nccwpck_require__(8405);
var int = __nccwpck_require__(9874);
var schema = __nccwpck_require__(896);
var schema$1 = __nccwpck_require__(3559);
var binary = __nccwpck_require__(6083);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var schema$2 = __nccwpck_require__(5913);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schemas = new Map([
    ['core', schema.schema],
    ['failsafe', [map.map, seq.seq, string.string]],
    ['json', schema$1.schema],
    ['yaml11', schema$2.schema],
    ['yaml-1.1', schema$2.schema]
]);
const tagsByName = {
    binary: binary.binary,
    bool: bool.boolTag,
    float: float.float,
    floatExp: float.floatExp,
    floatNaN: float.floatNaN,
    floatTime: timestamp.floatTime,
    int: int.int,
    intHex: int.intHex,
    intOct: int.intOct,
    intTime: timestamp.intTime,
    map: map.map,
    merge: merge.merge,
    null: _null.nullTag,
    omap: omap.omap,
    pairs: pairs.pairs,
    seq: seq.seq,
    set: set.set,
    timestamp: timestamp.timestamp
};
const coreKnownTags = {
    'tag:yaml.org,2002:binary': binary.binary,
    'tag:yaml.org,2002:merge': merge.merge,
    'tag:yaml.org,2002:omap': omap.omap,
    'tag:yaml.org,2002:pairs': pairs.pairs,
    'tag:yaml.org,2002:set': set.set,
    'tag:yaml.org,2002:timestamp': timestamp.timestamp
};
function getTags(customTags, schemaName, addMergeTag) {
    const schemaTags = schemas.get(schemaName);
    if (schemaTags && !customTags) {
        return addMergeTag && !schemaTags.includes(merge.merge)
            ? schemaTags.concat(merge.merge)
            : schemaTags.slice();
    }
    let tags = schemaTags;
    if (!tags) {
        if (Array.isArray(customTags))
            tags = [];
        else {
            const keys = Array.from(schemas.keys())
                .filter(key => key !== 'yaml11')
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown schema "${schemaName}"; use one of ${keys} or define customTags array`);
        }
    }
    if (Array.isArray(customTags)) {
        for (const tag of customTags)
            tags = tags.concat(tag);
    }
    else if (typeof customTags === 'function') {
        tags = customTags(tags.slice());
    }
    if (addMergeTag)
        tags = tags.concat(merge.merge);
    return tags.reduce((tags, tag) => {
        const tagObj = typeof tag === 'string' ? tagsByName[tag] : tag;
        if (!tagObj) {
            const tagName = JSON.stringify(tag);
            const keys = Object.keys(tagsByName)
                .map(key => JSON.stringify(key))
                .join(', ');
            throw new Error(`Unknown custom tag ${tagName}; use one of ${keys}`);
        }
        if (!tags.includes(tagObj))
            tags.push(tagObj);
        return tags;
    }, []);
}

exports.coreKnownTags = coreKnownTags;
exports.getTags = getTags;


/***/ }),

/***/ 6083:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var node_buffer = __nccwpck_require__(181);
var Scalar = __nccwpck_require__(3301);
var stringifyString = __nccwpck_require__(3069);

const binary = {
    identify: value => value instanceof Uint8Array, // Buffer inherits from Uint8Array
    default: false,
    tag: 'tag:yaml.org,2002:binary',
    /**
     * Returns a Buffer in node and an Uint8Array in browsers
     *
     * To use the resulting buffer as an image, you'll want to do something like:
     *
     *   const blob = new Blob([buffer], { type: 'image/jpeg' })
     *   document.querySelector('#photo').src = URL.createObjectURL(blob)
     */
    resolve(src, onError) {
        if (typeof node_buffer.Buffer === 'function') {
            return node_buffer.Buffer.from(src, 'base64');
        }
        else if (typeof atob === 'function') {
            // On IE 11, atob() can't handle newlines
            const str = atob(src.replace(/[\n\r]/g, ''));
            const buffer = new Uint8Array(str.length);
            for (let i = 0; i < str.length; ++i)
                buffer[i] = str.charCodeAt(i);
            return buffer;
        }
        else {
            onError('This environment does not support reading binary tags; either Buffer or atob is required');
            return src;
        }
    },
    stringify({ comment, type, value }, ctx, onComment, onChompKeep) {
        if (!value)
            return '';
        const buf = value; // checked earlier by binary.identify()
        let str;
        if (typeof node_buffer.Buffer === 'function') {
            str =
                buf instanceof node_buffer.Buffer
                    ? buf.toString('base64')
                    : node_buffer.Buffer.from(buf.buffer).toString('base64');
        }
        else if (typeof btoa === 'function') {
            let s = '';
            for (let i = 0; i < buf.length; ++i)
                s += String.fromCharCode(buf[i]);
            str = btoa(s);
        }
        else {
            throw new Error('This environment does not support writing binary tags; either Buffer or btoa is required');
        }
        type ?? (type = Scalar.Scalar.BLOCK_LITERAL);
        if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
            const lineWidth = Math.max(ctx.options.lineWidth - ctx.indent.length, ctx.options.minContentWidth);
            const n = Math.ceil(str.length / lineWidth);
            const lines = new Array(n);
            for (let i = 0, o = 0; i < n; ++i, o += lineWidth) {
                lines[i] = str.substr(o, lineWidth);
            }
            str = lines.join(type === Scalar.Scalar.BLOCK_LITERAL ? '\n' : ' ');
        }
        return stringifyString.stringifyString({ comment, type, value: str }, ctx, onComment, onChompKeep);
    }
};

exports.binary = binary;


/***/ }),

/***/ 8398:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);

function boolStringify({ value, source }, ctx) {
    const boolObj = value ? trueTag : falseTag;
    if (source && boolObj.test.test(source))
        return source;
    return value ? ctx.options.trueStr : ctx.options.falseStr;
}
const trueTag = {
    identify: value => value === true,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/,
    resolve: () => new Scalar.Scalar(true),
    stringify: boolStringify
};
const falseTag = {
    identify: value => value === false,
    default: true,
    tag: 'tag:yaml.org,2002:bool',
    test: /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/,
    resolve: () => new Scalar.Scalar(false),
    stringify: boolStringify
};

exports.falseTag = falseTag;
exports.trueTag = trueTag;


/***/ }),

/***/ 5782:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var stringifyNumber = __nccwpck_require__(8689);

const floatNaN = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    resolve: (str) => str.slice(-3).toLowerCase() === 'nan'
        ? NaN
        : str[0] === '-'
            ? Number.NEGATIVE_INFINITY
            : Number.POSITIVE_INFINITY,
    stringify: stringifyNumber.stringifyNumber
};
const floatExp = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'EXP',
    test: /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/,
    resolve: (str) => parseFloat(str.replace(/_/g, '')),
    stringify(node) {
        const num = Number(node.value);
        return isFinite(num) ? num.toExponential() : stringifyNumber.stringifyNumber(node);
    }
};
const float = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    test: /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
    resolve(str) {
        const node = new Scalar.Scalar(parseFloat(str.replace(/_/g, '')));
        const dot = str.indexOf('.');
        if (dot !== -1) {
            const f = str.substring(dot + 1).replace(/_/g, '');
            if (f[f.length - 1] === '0')
                node.minFractionDigits = f.length;
        }
        return node;
    },
    stringify: stringifyNumber.stringifyNumber
};

exports.float = float;
exports.floatExp = floatExp;
exports.floatNaN = floatNaN;


/***/ }),

/***/ 873:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

const intIdentify = (value) => typeof value === 'bigint' || Number.isInteger(value);
function intResolve(str, offset, radix, { intAsBigInt }) {
    const sign = str[0];
    if (sign === '-' || sign === '+')
        offset += 1;
    str = str.substring(offset).replace(/_/g, '');
    if (intAsBigInt) {
        switch (radix) {
            case 2:
                str = `0b${str}`;
                break;
            case 8:
                str = `0o${str}`;
                break;
            case 16:
                str = `0x${str}`;
                break;
        }
        const n = BigInt(str);
        return sign === '-' ? BigInt(-1) * n : n;
    }
    const n = parseInt(str, radix);
    return sign === '-' ? -1 * n : n;
}
function intStringify(node, radix, prefix) {
    const { value } = node;
    if (intIdentify(value)) {
        const str = value.toString(radix);
        return value < 0 ? '-' + prefix + str.substr(1) : prefix + str;
    }
    return stringifyNumber.stringifyNumber(node);
}
const intBin = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'BIN',
    test: /^[-+]?0b[0-1_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 2, opt),
    stringify: node => intStringify(node, 2, '0b')
};
const intOct = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'OCT',
    test: /^[-+]?0[0-7_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 1, 8, opt),
    stringify: node => intStringify(node, 8, '0')
};
const int = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    test: /^[-+]?[0-9][0-9_]*$/,
    resolve: (str, _onError, opt) => intResolve(str, 0, 10, opt),
    stringify: stringifyNumber.stringifyNumber
};
const intHex = {
    identify: intIdentify,
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'HEX',
    test: /^[-+]?0x[0-9a-fA-F_]+$/,
    resolve: (str, _onError, opt) => intResolve(str, 2, 16, opt),
    stringify: node => intStringify(node, 16, '0x')
};

exports.int = int;
exports.intBin = intBin;
exports.intHex = intHex;
exports.intOct = intOct;


/***/ }),

/***/ 452:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);

// If the value associated with a merge key is a single mapping node, each of
// its key/value pairs is inserted into the current mapping, unless the key
// already exists in it. If the value associated with the merge key is a
// sequence, then this sequence is expected to contain mapping nodes and each
// of these nodes is merged in turn according to its order in the sequence.
// Keys in mapping nodes earlier in the sequence override keys specified in
// later mapping nodes. -- http://yaml.org/type/merge.html
const MERGE_KEY = '<<';
const merge = {
    identify: value => value === MERGE_KEY ||
        (typeof value === 'symbol' && value.description === MERGE_KEY),
    default: 'key',
    tag: 'tag:yaml.org,2002:merge',
    test: /^<<$/,
    resolve: () => Object.assign(new Scalar.Scalar(Symbol(MERGE_KEY)), {
        addToJSMap: addMergeToJSMap
    }),
    stringify: () => MERGE_KEY
};
const isMergeKey = (ctx, key) => (merge.identify(key) ||
    (identity.isScalar(key) &&
        (!key.type || key.type === Scalar.Scalar.PLAIN) &&
        merge.identify(key.value))) &&
    ctx?.doc.schema.tags.some(tag => tag.tag === merge.tag && tag.default);
function addMergeToJSMap(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (identity.isSeq(source))
        for (const it of source.items)
            mergeValue(ctx, map, it);
    else if (Array.isArray(source))
        for (const it of source)
            mergeValue(ctx, map, it);
    else
        mergeValue(ctx, map, source);
}
function mergeValue(ctx, map, value) {
    const source = resolveAliasValue(ctx, value);
    if (!identity.isMap(source))
        throw new Error('Merge sources must be maps or map aliases');
    const srcMap = source.toJSON(null, ctx, Map);
    for (const [key, value] of srcMap) {
        if (map instanceof Map) {
            if (!map.has(key))
                map.set(key, value);
        }
        else if (map instanceof Set) {
            map.add(key);
        }
        else if (!Object.prototype.hasOwnProperty.call(map, key)) {
            Object.defineProperty(map, key, {
                value,
                writable: true,
                enumerable: true,
                configurable: true
            });
        }
    }
    return map;
}
function resolveAliasValue(ctx, value) {
    return ctx && identity.isAlias(value) ? value.resolve(ctx.doc, ctx) : value;
}

exports.addMergeToJSMap = addMergeToJSMap;
exports.isMergeKey = isMergeKey;
exports.merge = merge;


/***/ }),

/***/ 303:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var toJS = __nccwpck_require__(4043);
var YAMLMap = __nccwpck_require__(4454);
var YAMLSeq = __nccwpck_require__(2223);
var pairs = __nccwpck_require__(8385);

class YAMLOMap extends YAMLSeq.YAMLSeq {
    constructor() {
        super();
        this.add = YAMLMap.YAMLMap.prototype.add.bind(this);
        this.delete = YAMLMap.YAMLMap.prototype.delete.bind(this);
        this.get = YAMLMap.YAMLMap.prototype.get.bind(this);
        this.has = YAMLMap.YAMLMap.prototype.has.bind(this);
        this.set = YAMLMap.YAMLMap.prototype.set.bind(this);
        this.tag = YAMLOMap.tag;
    }
    /**
     * If `ctx` is given, the return type is actually `Map<unknown, unknown>`,
     * but TypeScript won't allow widening the signature of a child method.
     */
    toJSON(_, ctx) {
        if (!ctx)
            return super.toJSON(_);
        const map = new Map();
        if (ctx?.onCreate)
            ctx.onCreate(map);
        for (const pair of this.items) {
            let key, value;
            if (identity.isPair(pair)) {
                key = toJS.toJS(pair.key, '', ctx);
                value = toJS.toJS(pair.value, key, ctx);
            }
            else {
                key = toJS.toJS(pair, '', ctx);
            }
            if (map.has(key))
                throw new Error('Ordered maps must not include duplicate keys');
            map.set(key, value);
        }
        return map;
    }
    static from(schema, iterable, ctx) {
        const pairs$1 = pairs.createPairs(schema, iterable, ctx);
        const omap = new this();
        omap.items = pairs$1.items;
        return omap;
    }
}
YAMLOMap.tag = 'tag:yaml.org,2002:omap';
const omap = {
    collection: 'seq',
    identify: value => value instanceof Map,
    nodeClass: YAMLOMap,
    default: false,
    tag: 'tag:yaml.org,2002:omap',
    resolve(seq, onError) {
        const pairs$1 = pairs.resolvePairs(seq, onError);
        const seenKeys = [];
        for (const { key } of pairs$1.items) {
            if (identity.isScalar(key)) {
                if (seenKeys.includes(key.value)) {
                    onError(`Ordered maps must not include duplicate keys: ${key.value}`);
                }
                else {
                    seenKeys.push(key.value);
                }
            }
        }
        return Object.assign(new YAMLOMap(), pairs$1);
    },
    createNode: (schema, iterable, ctx) => YAMLOMap.from(schema, iterable, ctx)
};

exports.YAMLOMap = YAMLOMap;
exports.omap = omap;


/***/ }),

/***/ 8385:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var Scalar = __nccwpck_require__(3301);
var YAMLSeq = __nccwpck_require__(2223);

function resolvePairs(seq, onError) {
    if (identity.isSeq(seq)) {
        for (let i = 0; i < seq.items.length; ++i) {
            let item = seq.items[i];
            if (identity.isPair(item))
                continue;
            else if (identity.isMap(item)) {
                if (item.items.length > 1)
                    onError('Each pair must have its own sequence indicator');
                const pair = item.items[0] || new Pair.Pair(new Scalar.Scalar(null));
                if (item.commentBefore)
                    pair.key.commentBefore = pair.key.commentBefore
                        ? `${item.commentBefore}\n${pair.key.commentBefore}`
                        : item.commentBefore;
                if (item.comment) {
                    const cn = pair.value ?? pair.key;
                    cn.comment = cn.comment
                        ? `${item.comment}\n${cn.comment}`
                        : item.comment;
                }
                item = pair;
            }
            seq.items[i] = identity.isPair(item) ? item : new Pair.Pair(item);
        }
    }
    else
        onError('Expected a sequence for this tag');
    return seq;
}
function createPairs(schema, iterable, ctx) {
    const { replacer } = ctx;
    const pairs = new YAMLSeq.YAMLSeq(schema);
    pairs.tag = 'tag:yaml.org,2002:pairs';
    let i = 0;
    if (iterable && Symbol.iterator in Object(iterable))
        for (let it of iterable) {
            if (typeof replacer === 'function')
                it = replacer.call(iterable, String(i++), it);
            let key, value;
            if (Array.isArray(it)) {
                if (it.length === 2) {
                    key = it[0];
                    value = it[1];
                }
                else
                    throw new TypeError(`Expected [key, value] tuple: ${it}`);
            }
            else if (it && it instanceof Object) {
                const keys = Object.keys(it);
                if (keys.length === 1) {
                    key = keys[0];
                    value = it[key];
                }
                else {
                    throw new TypeError(`Expected tuple with one key, not ${keys.length} keys`);
                }
            }
            else {
                key = it;
            }
            pairs.items.push(Pair.createPair(key, value, ctx));
        }
    return pairs;
}
const pairs = {
    collection: 'seq',
    default: false,
    tag: 'tag:yaml.org,2002:pairs',
    resolve: resolvePairs,
    createNode: createPairs
};

exports.createPairs = createPairs;
exports.pairs = pairs;
exports.resolvePairs = resolvePairs;


/***/ }),

/***/ 5913:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var map = __nccwpck_require__(7451);
var _null = __nccwpck_require__(3632);
var seq = __nccwpck_require__(1706);
var string = __nccwpck_require__(6464);
var binary = __nccwpck_require__(6083);
var bool = __nccwpck_require__(8398);
var float = __nccwpck_require__(5782);
var int = __nccwpck_require__(873);
var merge = __nccwpck_require__(452);
var omap = __nccwpck_require__(303);
var pairs = __nccwpck_require__(8385);
var set = __nccwpck_require__(1528);
var timestamp = __nccwpck_require__(6752);

const schema = [
    map.map,
    seq.seq,
    string.string,
    _null.nullTag,
    bool.trueTag,
    bool.falseTag,
    int.intBin,
    int.intOct,
    int.int,
    int.intHex,
    float.floatNaN,
    float.floatExp,
    float.float,
    binary.binary,
    merge.merge,
    omap.omap,
    pairs.pairs,
    set.set,
    timestamp.intTime,
    timestamp.floatTime,
    timestamp.timestamp
];

exports.schema = schema;


/***/ }),

/***/ 1528:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Pair = __nccwpck_require__(7165);
var YAMLMap = __nccwpck_require__(4454);

class YAMLSet extends YAMLMap.YAMLMap {
    constructor(schema) {
        super(schema);
        this.tag = YAMLSet.tag;
    }
    add(key) {
        let pair;
        if (identity.isPair(key))
            pair = key;
        else if (key &&
            typeof key === 'object' &&
            'key' in key &&
            'value' in key &&
            key.value === null)
            pair = new Pair.Pair(key.key, null);
        else
            pair = new Pair.Pair(key, null);
        const prev = YAMLMap.findPair(this.items, pair.key);
        if (!prev)
            this.items.push(pair);
    }
    /**
     * If `keepPair` is `true`, returns the Pair matching `key`.
     * Otherwise, returns the value of that Pair's key.
     */
    get(key, keepPair) {
        const pair = YAMLMap.findPair(this.items, key);
        return !keepPair && identity.isPair(pair)
            ? identity.isScalar(pair.key)
                ? pair.key.value
                : pair.key
            : pair;
    }
    set(key, value) {
        if (typeof value !== 'boolean')
            throw new Error(`Expected boolean value for set(key, value) in a YAML set, not ${typeof value}`);
        const prev = YAMLMap.findPair(this.items, key);
        if (prev && !value) {
            this.items.splice(this.items.indexOf(prev), 1);
        }
        else if (!prev && value) {
            this.items.push(new Pair.Pair(key));
        }
    }
    toJSON(_, ctx) {
        return super.toJSON(_, ctx, Set);
    }
    toString(ctx, onComment, onChompKeep) {
        if (!ctx)
            return JSON.stringify(this);
        if (this.hasAllNullValues(true))
            return super.toString(Object.assign({}, ctx, { allNullValues: true }), onComment, onChompKeep);
        else
            throw new Error('Set items must all have null values');
    }
    static from(schema, iterable, ctx) {
        const { replacer } = ctx;
        const set = new this(schema);
        if (iterable && Symbol.iterator in Object(iterable))
            for (let value of iterable) {
                if (typeof replacer === 'function')
                    value = replacer.call(iterable, value, value);
                set.items.push(Pair.createPair(value, null, ctx));
            }
        return set;
    }
}
YAMLSet.tag = 'tag:yaml.org,2002:set';
const set = {
    collection: 'map',
    identify: value => value instanceof Set,
    nodeClass: YAMLSet,
    default: false,
    tag: 'tag:yaml.org,2002:set',
    createNode: (schema, iterable, ctx) => YAMLSet.from(schema, iterable, ctx),
    resolve(map, onError) {
        if (identity.isMap(map)) {
            if (map.hasAllNullValues(true))
                return Object.assign(new YAMLSet(), map);
            else
                onError('Set items must all have null values');
        }
        else
            onError('Expected a mapping for this tag');
        return map;
    }
};

exports.YAMLSet = YAMLSet;
exports.set = set;


/***/ }),

/***/ 6752:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var stringifyNumber = __nccwpck_require__(8689);

/** Internal types handle bigint as number, because TS can't figure it out. */
function parseSexagesimal(str, asBigInt) {
    const sign = str[0];
    const parts = sign === '-' || sign === '+' ? str.substring(1) : str;
    const num = (n) => asBigInt ? BigInt(n) : Number(n);
    const res = parts
        .replace(/_/g, '')
        .split(':')
        .reduce((res, p) => res * num(60) + num(p), num(0));
    return (sign === '-' ? num(-1) * res : res);
}
/**
 * hhhh:mm:ss.sss
 *
 * Internal types handle bigint as number, because TS can't figure it out.
 */
function stringifySexagesimal(node) {
    let { value } = node;
    let num = (n) => n;
    if (typeof value === 'bigint')
        num = n => BigInt(n);
    else if (isNaN(value) || !isFinite(value))
        return stringifyNumber.stringifyNumber(node);
    let sign = '';
    if (value < 0) {
        sign = '-';
        value *= num(-1);
    }
    const _60 = num(60);
    const parts = [value % _60]; // seconds, including ms
    if (value < 60) {
        parts.unshift(0); // at least one : is required
    }
    else {
        value = (value - parts[0]) / _60;
        parts.unshift(value % _60); // minutes
        if (value >= 60) {
            value = (value - parts[0]) / _60;
            parts.unshift(value); // hours
        }
    }
    return (sign +
        parts
            .map(n => String(n).padStart(2, '0'))
            .join(':')
            .replace(/000000\d*$/, '') // % 60 may introduce error
    );
}
const intTime = {
    identify: value => typeof value === 'bigint' || Number.isInteger(value),
    default: true,
    tag: 'tag:yaml.org,2002:int',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+$/,
    resolve: (str, _onError, { intAsBigInt }) => parseSexagesimal(str, intAsBigInt),
    stringify: stringifySexagesimal
};
const floatTime = {
    identify: value => typeof value === 'number',
    default: true,
    tag: 'tag:yaml.org,2002:float',
    format: 'TIME',
    test: /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/,
    resolve: str => parseSexagesimal(str, false),
    stringify: stringifySexagesimal
};
const timestamp = {
    identify: value => value instanceof Date,
    default: true,
    tag: 'tag:yaml.org,2002:timestamp',
    // If the time zone is omitted, the timestamp is assumed to be specified in UTC. The time part
    // may be omitted altogether, resulting in a date format. In such a case, the time part is
    // assumed to be 00:00:00Z (start of day, UTC).
    test: RegExp('^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})' + // YYYY-Mm-Dd
        '(?:' + // time is optional
        '(?:t|T|[ \\t]+)' + // t | T | whitespace
        '([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\\.[0-9]+)?)' + // Hh:Mm:Ss(.ss)?
        '(?:[ \\t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?' + // Z | +5 | -03:30
        ')?$'),
    resolve(str) {
        const match = str.match(timestamp.test);
        if (!match)
            throw new Error('!!timestamp expects a date, starting with yyyy-mm-dd');
        const [, year, month, day, hour, minute, second] = match.map(Number);
        const millisec = match[7] ? Number((match[7] + '00').substr(1, 3)) : 0;
        let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
        const tz = match[8];
        if (tz && tz !== 'Z') {
            let d = parseSexagesimal(tz, false);
            if (Math.abs(d) < 30)
                d *= 60;
            date -= 60000 * d;
        }
        return new Date(date);
    },
    stringify: ({ value }) => value?.toISOString().replace(/(T00:00:00)?\.000Z$/, '') ?? ''
};

exports.floatTime = floatTime;
exports.intTime = intTime;
exports.timestamp = timestamp;


/***/ }),

/***/ 4475:
/***/ ((__unused_webpack_module, exports) => {



const FOLD_FLOW = 'flow';
const FOLD_BLOCK = 'block';
const FOLD_QUOTED = 'quoted';
/**
 * Tries to keep input at up to `lineWidth` characters, splitting only on spaces
 * not followed by newlines or spaces unless `mode` is `'quoted'`. Lines are
 * terminated with `\n` and started with `indent`.
 */
function foldFlowLines(text, indent, mode = 'flow', { indentAtStart, lineWidth = 80, minContentWidth = 20, onFold, onOverflow } = {}) {
    if (!lineWidth || lineWidth < 0)
        return text;
    if (lineWidth < minContentWidth)
        minContentWidth = 0;
    const endStep = Math.max(1 + minContentWidth, 1 + lineWidth - indent.length);
    if (text.length <= endStep)
        return text;
    const folds = [];
    const escapedFolds = {};
    let end = lineWidth - indent.length;
    if (typeof indentAtStart === 'number') {
        if (indentAtStart > lineWidth - Math.max(2, minContentWidth))
            folds.push(0);
        else
            end = lineWidth - indentAtStart;
    }
    let split = undefined;
    let prev = undefined;
    let overflow = false;
    let i = -1;
    let escStart = -1;
    let escEnd = -1;
    if (mode === FOLD_BLOCK) {
        i = consumeMoreIndentedLines(text, i, indent.length);
        if (i !== -1)
            end = i + endStep;
    }
    for (let ch; (ch = text[(i += 1)]);) {
        if (mode === FOLD_QUOTED && ch === '\\') {
            escStart = i;
            switch (text[i + 1]) {
                case 'x':
                    i += 3;
                    break;
                case 'u':
                    i += 5;
                    break;
                case 'U':
                    i += 9;
                    break;
                default:
                    i += 1;
            }
            escEnd = i;
        }
        if (ch === '\n') {
            if (mode === FOLD_BLOCK)
                i = consumeMoreIndentedLines(text, i, indent.length);
            end = i + indent.length + endStep;
            split = undefined;
        }
        else {
            if (ch === ' ' &&
                prev &&
                prev !== ' ' &&
                prev !== '\n' &&
                prev !== '\t') {
                // space surrounded by non-space can be replaced with newline + indent
                const next = text[i + 1];
                if (next && next !== ' ' && next !== '\n' && next !== '\t')
                    split = i;
            }
            if (i >= end) {
                if (split) {
                    folds.push(split);
                    end = split + endStep;
                    split = undefined;
                }
                else if (mode === FOLD_QUOTED) {
                    // white-space collected at end may stretch past lineWidth
                    while (prev === ' ' || prev === '\t') {
                        prev = ch;
                        ch = text[(i += 1)];
                        overflow = true;
                    }
                    // Account for newline escape, but don't break preceding escape
                    const j = i > escEnd + 1 ? i - 2 : escStart - 1;
                    // Bail out if lineWidth & minContentWidth are shorter than an escape string
                    if (escapedFolds[j])
                        return text;
                    folds.push(j);
                    escapedFolds[j] = true;
                    end = j + endStep;
                    split = undefined;
                }
                else {
                    overflow = true;
                }
            }
        }
        prev = ch;
    }
    if (overflow && onOverflow)
        onOverflow();
    if (folds.length === 0)
        return text;
    if (onFold)
        onFold();
    let res = text.slice(0, folds[0]);
    for (let i = 0; i < folds.length; ++i) {
        const fold = folds[i];
        const end = folds[i + 1] || text.length;
        if (fold === 0)
            res = `\n${indent}${text.slice(0, end)}`;
        else {
            if (mode === FOLD_QUOTED && escapedFolds[fold])
                res += `${text[fold]}\\`;
            res += `\n${indent}${text.slice(fold + 1, end)}`;
        }
    }
    return res;
}
/**
 * Presumes `i + 1` is at the start of a line
 * @returns index of last newline in more-indented block
 */
function consumeMoreIndentedLines(text, i, indent) {
    let end = i;
    let start = i + 1;
    let ch = text[start];
    while (ch === ' ' || ch === '\t') {
        if (i < start + indent) {
            ch = text[++i];
        }
        else {
            do {
                ch = text[++i];
            } while (ch && ch !== '\n');
            end = i;
            start = i + 1;
            ch = text[start];
        }
    }
    return end;
}

exports.FOLD_BLOCK = FOLD_BLOCK;
exports.FOLD_FLOW = FOLD_FLOW;
exports.FOLD_QUOTED = FOLD_QUOTED;
exports.foldFlowLines = foldFlowLines;


/***/ }),

/***/ 2148:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var anchors = __nccwpck_require__(1596);
var identity = __nccwpck_require__(1127);
var stringifyComment = __nccwpck_require__(9799);
var stringifyString = __nccwpck_require__(3069);

function createStringifyContext(doc, options) {
    const opt = Object.assign({
        blockQuote: true,
        commentString: stringifyComment.stringifyComment,
        defaultKeyType: null,
        defaultStringType: 'PLAIN',
        directives: null,
        doubleQuotedAsJSON: false,
        doubleQuotedMinMultiLineLength: 40,
        falseStr: 'false',
        flowCollectionPadding: true,
        indentSeq: true,
        lineWidth: 80,
        minContentWidth: 20,
        nullStr: 'null',
        simpleKeys: false,
        singleQuote: null,
        trailingComma: false,
        trueStr: 'true',
        verifyAliasOrder: true
    }, doc.schema.toStringOptions, options);
    let inFlow;
    switch (opt.collectionStyle) {
        case 'block':
            inFlow = false;
            break;
        case 'flow':
            inFlow = true;
            break;
        default:
            inFlow = null;
    }
    return {
        anchors: new Set(),
        doc,
        flowCollectionPadding: opt.flowCollectionPadding ? ' ' : '',
        indent: '',
        indentStep: typeof opt.indent === 'number' ? ' '.repeat(opt.indent) : '  ',
        inFlow,
        options: opt
    };
}
function getTagObject(tags, item) {
    if (item.tag) {
        const match = tags.filter(t => t.tag === item.tag);
        if (match.length > 0)
            return match.find(t => t.format === item.format) ?? match[0];
    }
    let tagObj = undefined;
    let obj;
    if (identity.isScalar(item)) {
        obj = item.value;
        let match = tags.filter(t => t.identify?.(obj));
        if (match.length > 1) {
            const testMatch = match.filter(t => t.test);
            if (testMatch.length > 0)
                match = testMatch;
        }
        tagObj =
            match.find(t => t.format === item.format) ?? match.find(t => !t.format);
    }
    else {
        obj = item;
        tagObj = tags.find(t => t.nodeClass && obj instanceof t.nodeClass);
    }
    if (!tagObj) {
        const name = obj?.constructor?.name ?? (obj === null ? 'null' : typeof obj);
        throw new Error(`Tag not resolved for ${name} value`);
    }
    return tagObj;
}
// needs to be called before value stringifier to allow for circular anchor refs
function stringifyProps(node, tagObj, { anchors: anchors$1, doc }) {
    if (!doc.directives)
        return '';
    const props = [];
    const anchor = (identity.isScalar(node) || identity.isCollection(node)) && node.anchor;
    if (anchor && anchors.anchorIsValid(anchor)) {
        anchors$1.add(anchor);
        props.push(`&${anchor}`);
    }
    const tag = node.tag ?? (tagObj.default ? null : tagObj.tag);
    if (tag)
        props.push(doc.directives.tagString(tag));
    return props.join(' ');
}
function stringify(item, ctx, onComment, onChompKeep) {
    if (identity.isPair(item))
        return item.toString(ctx, onComment, onChompKeep);
    if (identity.isAlias(item)) {
        if (ctx.doc.directives)
            return item.toString(ctx);
        if (ctx.resolvedAliases?.has(item)) {
            throw new TypeError(`Cannot stringify circular structure without alias nodes`);
        }
        else {
            if (ctx.resolvedAliases)
                ctx.resolvedAliases.add(item);
            else
                ctx.resolvedAliases = new Set([item]);
            item = item.resolve(ctx.doc);
        }
    }
    let tagObj = undefined;
    const node = identity.isNode(item)
        ? item
        : ctx.doc.createNode(item, { onTagObj: o => (tagObj = o) });
    tagObj ?? (tagObj = getTagObject(ctx.doc.schema.tags, node));
    const props = stringifyProps(node, tagObj, ctx);
    if (props.length > 0)
        ctx.indentAtStart = (ctx.indentAtStart ?? 0) + props.length + 1;
    const str = typeof tagObj.stringify === 'function'
        ? tagObj.stringify(node, ctx, onComment, onChompKeep)
        : identity.isScalar(node)
            ? stringifyString.stringifyString(node, ctx, onComment, onChompKeep)
            : node.toString(ctx, onComment, onChompKeep);
    if (!props)
        return str;
    return identity.isScalar(node) || str[0] === '{' || str[0] === '['
        ? `${props} ${str}`
        : `${props}\n${ctx.indent}${str}`;
}

exports.createStringifyContext = createStringifyContext;
exports.stringify = stringify;


/***/ }),

/***/ 1212:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyCollection(collection, ctx, options) {
    const flow = ctx.inFlow ?? collection.flow;
    const stringify = flow ? stringifyFlowCollection : stringifyBlockCollection;
    return stringify(collection, ctx, options);
}
function stringifyBlockCollection({ comment, items }, ctx, { blockItemPrefix, flowChars, itemIndent, onChompKeep, onComment }) {
    const { indent, options: { commentString } } = ctx;
    const itemCtx = Object.assign({}, ctx, { indent: itemIndent, type: null });
    let chompKeep = false; // flag for the preceding node's status
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (!chompKeep && item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, chompKeep);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (!chompKeep && ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, chompKeep);
            }
        }
        chompKeep = false;
        let str = stringify.stringify(item, itemCtx, () => (comment = null), () => (chompKeep = true));
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        if (chompKeep && comment)
            chompKeep = false;
        lines.push(blockItemPrefix + str);
    }
    let str;
    if (lines.length === 0) {
        str = flowChars.start + flowChars.end;
    }
    else {
        str = lines[0];
        for (let i = 1; i < lines.length; ++i) {
            const line = lines[i];
            str += line ? `\n${indent}${line}` : '\n';
        }
    }
    if (comment) {
        str += '\n' + stringifyComment.indentComment(commentString(comment), indent);
        if (onComment)
            onComment();
    }
    else if (chompKeep && onChompKeep)
        onChompKeep();
    return str;
}
function stringifyFlowCollection({ items }, ctx, { flowChars, itemIndent }) {
    const { indent, indentStep, flowCollectionPadding: fcPadding, options: { commentString } } = ctx;
    itemIndent += indentStep;
    const itemCtx = Object.assign({}, ctx, {
        indent: itemIndent,
        inFlow: true,
        type: null
    });
    let reqNewline = false;
    let linesAtValue = 0;
    const lines = [];
    for (let i = 0; i < items.length; ++i) {
        const item = items[i];
        let comment = null;
        if (identity.isNode(item)) {
            if (item.spaceBefore)
                lines.push('');
            addCommentBefore(ctx, lines, item.commentBefore, false);
            if (item.comment)
                comment = item.comment;
        }
        else if (identity.isPair(item)) {
            const ik = identity.isNode(item.key) ? item.key : null;
            if (ik) {
                if (ik.spaceBefore)
                    lines.push('');
                addCommentBefore(ctx, lines, ik.commentBefore, false);
                if (ik.comment)
                    reqNewline = true;
            }
            const iv = identity.isNode(item.value) ? item.value : null;
            if (iv) {
                if (iv.comment)
                    comment = iv.comment;
                if (iv.commentBefore)
                    reqNewline = true;
            }
            else if (item.value == null && ik?.comment) {
                comment = ik.comment;
            }
        }
        if (comment)
            reqNewline = true;
        let str = stringify.stringify(item, itemCtx, () => (comment = null));
        reqNewline || (reqNewline = lines.length > linesAtValue || str.includes('\n'));
        if (i < items.length - 1) {
            str += ',';
        }
        else if (ctx.options.trailingComma) {
            if (ctx.options.lineWidth > 0) {
                reqNewline || (reqNewline = lines.reduce((sum, line) => sum + line.length + 2, 2) +
                    (str.length + 2) >
                    ctx.options.lineWidth);
            }
            if (reqNewline) {
                str += ',';
            }
        }
        if (comment)
            str += stringifyComment.lineComment(str, itemIndent, commentString(comment));
        lines.push(str);
        linesAtValue = lines.length;
    }
    const { start, end } = flowChars;
    if (lines.length === 0) {
        return start + end;
    }
    else {
        if (!reqNewline) {
            const len = lines.reduce((sum, line) => sum + line.length + 2, 2);
            reqNewline = ctx.options.lineWidth > 0 && len > ctx.options.lineWidth;
        }
        if (reqNewline) {
            let str = start;
            for (const line of lines)
                str += line ? `\n${indentStep}${indent}${line}` : '\n';
            return `${str}\n${indent}${end}`;
        }
        else {
            return `${start}${fcPadding}${lines.join(' ')}${fcPadding}${end}`;
        }
    }
}
function addCommentBefore({ indent, options: { commentString } }, lines, comment, chompKeep) {
    if (comment && chompKeep)
        comment = comment.replace(/^\n+/, '');
    if (comment) {
        const ic = stringifyComment.indentComment(commentString(comment), indent);
        lines.push(ic.trimStart()); // Avoid double indent on first line
    }
}

exports.stringifyCollection = stringifyCollection;


/***/ }),

/***/ 9799:
/***/ ((__unused_webpack_module, exports) => {



/**
 * Stringifies a comment.
 *
 * Empty comment lines are left empty,
 * lines consisting of a single space are replaced by `#`,
 * and all other lines are prefixed with a `#`.
 */
const stringifyComment = (str) => str.replace(/^(?!$)(?: $)?/gm, '#');
function indentComment(comment, indent) {
    if (/^\n+$/.test(comment))
        return comment.substring(1);
    return indent ? comment.replace(/^(?! *$)/gm, indent) : comment;
}
const lineComment = (str, indent, comment) => str.endsWith('\n')
    ? indentComment(comment, indent)
    : comment.includes('\n')
        ? '\n' + indentComment(comment, indent)
        : (str.endsWith(' ') ? '' : ' ') + comment;

exports.indentComment = indentComment;
exports.lineComment = lineComment;
exports.stringifyComment = stringifyComment;


/***/ }),

/***/ 6829:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyDocument(doc, options) {
    const lines = [];
    let hasDirectives = options.directives === true;
    if (options.directives !== false && doc.directives) {
        const dir = doc.directives.toString(doc);
        if (dir) {
            lines.push(dir);
            hasDirectives = true;
        }
        else if (doc.directives.docStart)
            hasDirectives = true;
    }
    if (hasDirectives)
        lines.push('---');
    const ctx = stringify.createStringifyContext(doc, options);
    const { commentString } = ctx.options;
    if (doc.commentBefore) {
        if (lines.length !== 1)
            lines.unshift('');
        const cs = commentString(doc.commentBefore);
        lines.unshift(stringifyComment.indentComment(cs, ''));
    }
    let chompKeep = false;
    let contentComment = null;
    if (doc.contents) {
        if (identity.isNode(doc.contents)) {
            if (doc.contents.spaceBefore && hasDirectives)
                lines.push('');
            if (doc.contents.commentBefore) {
                const cs = commentString(doc.contents.commentBefore);
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            // top-level block scalars need to be indented if followed by a comment
            ctx.forceBlockIndent = !!doc.comment;
            contentComment = doc.contents.comment;
        }
        const onChompKeep = contentComment ? undefined : () => (chompKeep = true);
        let body = stringify.stringify(doc.contents, ctx, () => (contentComment = null), onChompKeep);
        if (contentComment)
            body += stringifyComment.lineComment(body, '', commentString(contentComment));
        if ((body[0] === '|' || body[0] === '>') &&
            lines[lines.length - 1] === '---') {
            // Top-level block scalars with a preceding doc marker ought to use the
            // same line for their header.
            lines[lines.length - 1] = `--- ${body}`;
        }
        else
            lines.push(body);
    }
    else {
        lines.push(stringify.stringify(doc.contents, ctx));
    }
    if (doc.directives?.docEnd) {
        if (doc.comment) {
            const cs = commentString(doc.comment);
            if (cs.includes('\n')) {
                lines.push('...');
                lines.push(stringifyComment.indentComment(cs, ''));
            }
            else {
                lines.push(`... ${cs}`);
            }
        }
        else {
            lines.push('...');
        }
    }
    else {
        let dc = doc.comment;
        if (dc && chompKeep)
            dc = dc.replace(/^\n+/, '');
        if (dc) {
            if ((!chompKeep || contentComment) && lines[lines.length - 1] !== '')
                lines.push('');
            lines.push(stringifyComment.indentComment(commentString(dc), ''));
        }
    }
    return lines.join('\n') + '\n';
}

exports.stringifyDocument = stringifyDocument;


/***/ }),

/***/ 8689:
/***/ ((__unused_webpack_module, exports) => {



function stringifyNumber({ format, minFractionDigits, tag, value }) {
    if (typeof value === 'bigint')
        return String(value);
    const num = typeof value === 'number' ? value : Number(value);
    if (!isFinite(num))
        return isNaN(num) ? '.nan' : num < 0 ? '-.inf' : '.inf';
    let n = Object.is(value, -0) ? '-0' : JSON.stringify(value);
    if (!format &&
        minFractionDigits &&
        (!tag || tag === 'tag:yaml.org,2002:float') &&
        /^-?\d/.test(n) &&
        !n.includes('e')) {
        let i = n.indexOf('.');
        if (i < 0) {
            i = n.length;
            n += '.';
        }
        let d = minFractionDigits - (n.length - i - 1);
        while (d-- > 0)
            n += '0';
    }
    return n;
}

exports.stringifyNumber = stringifyNumber;


/***/ }),

/***/ 9748:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);
var Scalar = __nccwpck_require__(3301);
var stringify = __nccwpck_require__(2148);
var stringifyComment = __nccwpck_require__(9799);

function stringifyPair({ key, value }, ctx, onComment, onChompKeep) {
    const { allNullValues, doc, indent, indentStep, options: { commentString, indentSeq, simpleKeys } } = ctx;
    let keyComment = (identity.isNode(key) && key.comment) || null;
    if (simpleKeys) {
        if (keyComment) {
            throw new Error('With simple keys, key nodes cannot have comments');
        }
        if (identity.isCollection(key) || (!identity.isNode(key) && typeof key === 'object')) {
            const msg = 'With simple keys, collection cannot be used as a key value';
            throw new Error(msg);
        }
    }
    let explicitKey = !simpleKeys &&
        (!key ||
            (keyComment && value == null && !ctx.inFlow) ||
            identity.isCollection(key) ||
            (identity.isScalar(key)
                ? key.type === Scalar.Scalar.BLOCK_FOLDED || key.type === Scalar.Scalar.BLOCK_LITERAL
                : typeof key === 'object'));
    ctx = Object.assign({}, ctx, {
        allNullValues: false,
        implicitKey: !explicitKey && (simpleKeys || !allNullValues),
        indent: indent + indentStep
    });
    let keyCommentDone = false;
    let chompKeep = false;
    let str = stringify.stringify(key, ctx, () => (keyCommentDone = true), () => (chompKeep = true));
    if (!explicitKey && !ctx.inFlow && str.length > 1024) {
        if (simpleKeys)
            throw new Error('With simple keys, single line scalar must not span more than 1024 characters');
        explicitKey = true;
    }
    if (ctx.inFlow) {
        if (allNullValues || value == null) {
            if (keyCommentDone && onComment)
                onComment();
            return str === '' ? '?' : explicitKey ? `? ${str}` : str;
        }
    }
    else if ((allNullValues && !simpleKeys) || (value == null && explicitKey)) {
        str = `? ${str}`;
        if (keyComment && !keyCommentDone) {
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        }
        else if (chompKeep && onChompKeep)
            onChompKeep();
        return str;
    }
    if (keyCommentDone)
        keyComment = null;
    if (explicitKey) {
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
        str = `? ${str}\n${indent}:`;
    }
    else {
        str = `${str}:`;
        if (keyComment)
            str += stringifyComment.lineComment(str, ctx.indent, commentString(keyComment));
    }
    let vsb, vcb, valueComment;
    if (identity.isNode(value)) {
        vsb = !!value.spaceBefore;
        vcb = value.commentBefore;
        valueComment = value.comment;
    }
    else {
        vsb = false;
        vcb = null;
        valueComment = null;
        if (value && typeof value === 'object')
            value = doc.createNode(value);
    }
    ctx.implicitKey = false;
    if (!explicitKey && !keyComment && identity.isScalar(value))
        ctx.indentAtStart = str.length + 1;
    chompKeep = false;
    if (!indentSeq &&
        indentStep.length >= 2 &&
        !ctx.inFlow &&
        !explicitKey &&
        identity.isSeq(value) &&
        !value.flow &&
        !value.tag &&
        !value.anchor) {
        // If indentSeq === false, consider '- ' as part of indentation where possible
        ctx.indent = ctx.indent.substring(2);
    }
    let valueCommentDone = false;
    const valueStr = stringify.stringify(value, ctx, () => (valueCommentDone = true), () => (chompKeep = true));
    let ws = ' ';
    if (keyComment || vsb || vcb) {
        ws = vsb ? '\n' : '';
        if (vcb) {
            const cs = commentString(vcb);
            ws += `\n${stringifyComment.indentComment(cs, ctx.indent)}`;
        }
        if (valueStr === '' && !ctx.inFlow) {
            if (ws === '\n' && valueComment)
                ws = '\n\n';
        }
        else {
            ws += `\n${ctx.indent}`;
        }
    }
    else if (!explicitKey && identity.isCollection(value)) {
        const vs0 = valueStr[0];
        const nl0 = valueStr.indexOf('\n');
        const hasNewline = nl0 !== -1;
        const flow = ctx.inFlow ?? value.flow ?? value.items.length === 0;
        if (hasNewline || !flow) {
            let hasPropsLine = false;
            if (hasNewline && (vs0 === '&' || vs0 === '!')) {
                let sp0 = valueStr.indexOf(' ');
                if (vs0 === '&' &&
                    sp0 !== -1 &&
                    sp0 < nl0 &&
                    valueStr[sp0 + 1] === '!') {
                    sp0 = valueStr.indexOf(' ', sp0 + 1);
                }
                if (sp0 === -1 || nl0 < sp0)
                    hasPropsLine = true;
            }
            if (!hasPropsLine)
                ws = `\n${ctx.indent}`;
        }
    }
    else if (valueStr === '' || valueStr[0] === '\n') {
        ws = '';
    }
    str += ws + valueStr;
    if (ctx.inFlow) {
        if (valueCommentDone && onComment)
            onComment();
    }
    else if (valueComment && !valueCommentDone) {
        str += stringifyComment.lineComment(str, ctx.indent, commentString(valueComment));
    }
    else if (chompKeep && onChompKeep) {
        onChompKeep();
    }
    return str;
}

exports.stringifyPair = stringifyPair;


/***/ }),

/***/ 3069:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var Scalar = __nccwpck_require__(3301);
var foldFlowLines = __nccwpck_require__(4475);

const getFoldOptions = (ctx, isBlock) => ({
    indentAtStart: isBlock ? ctx.indent.length : ctx.indentAtStart,
    lineWidth: ctx.options.lineWidth,
    minContentWidth: ctx.options.minContentWidth
});
// Also checks for lines starting with %, as parsing the output as YAML 1.1 will
// presume that's starting a new document.
const containsDocumentMarker = (str) => /^(%|---|\.\.\.)/m.test(str);
function lineLengthOverLimit(str, lineWidth, indentLength) {
    if (!lineWidth || lineWidth < 0)
        return false;
    const limit = lineWidth - indentLength;
    const strLen = str.length;
    if (strLen <= limit)
        return false;
    for (let i = 0, start = 0; i < strLen; ++i) {
        if (str[i] === '\n') {
            if (i - start > limit)
                return true;
            start = i + 1;
            if (strLen - start <= limit)
                return false;
        }
    }
    return true;
}
function doubleQuotedString(value, ctx) {
    const json = JSON.stringify(value);
    if (ctx.options.doubleQuotedAsJSON)
        return json;
    const { implicitKey } = ctx;
    const minMultiLineLength = ctx.options.doubleQuotedMinMultiLineLength;
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    let str = '';
    let start = 0;
    for (let i = 0, ch = json[i]; ch; ch = json[++i]) {
        if (ch === ' ' && json[i + 1] === '\\' && json[i + 2] === 'n') {
            // space before newline needs to be escaped to not be folded
            str += json.slice(start, i) + '\\ ';
            i += 1;
            start = i;
            ch = '\\';
        }
        if (ch === '\\')
            switch (json[i + 1]) {
                case 'u':
                    {
                        str += json.slice(start, i);
                        const code = json.substr(i + 2, 4);
                        switch (code) {
                            case '0000':
                                str += '\\0';
                                break;
                            case '0007':
                                str += '\\a';
                                break;
                            case '000b':
                                str += '\\v';
                                break;
                            case '001b':
                                str += '\\e';
                                break;
                            case '0085':
                                str += '\\N';
                                break;
                            case '00a0':
                                str += '\\_';
                                break;
                            case '2028':
                                str += '\\L';
                                break;
                            case '2029':
                                str += '\\P';
                                break;
                            default:
                                if (code.substr(0, 2) === '00')
                                    str += '\\x' + code.substr(2);
                                else
                                    str += json.substr(i, 6);
                        }
                        i += 5;
                        start = i + 1;
                    }
                    break;
                case 'n':
                    if (implicitKey ||
                        json[i + 2] === '"' ||
                        json.length < minMultiLineLength) {
                        i += 1;
                    }
                    else {
                        // folding will eat first newline
                        str += json.slice(start, i) + '\n\n';
                        while (json[i + 2] === '\\' &&
                            json[i + 3] === 'n' &&
                            json[i + 4] !== '"') {
                            str += '\n';
                            i += 2;
                        }
                        str += indent;
                        // space after newline needs to be escaped to not be folded
                        if (json[i + 2] === ' ')
                            str += '\\';
                        i += 1;
                        start = i + 1;
                    }
                    break;
                default:
                    i += 1;
            }
    }
    str = start ? str + json.slice(start) : json;
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_QUOTED, getFoldOptions(ctx, false));
}
function singleQuotedString(value, ctx) {
    if (ctx.options.singleQuote === false ||
        (ctx.implicitKey && value.includes('\n')) ||
        /[ \t]\n|\n[ \t]/.test(value) // single quoted string can't have leading or trailing whitespace around newline
    )
        return doubleQuotedString(value, ctx);
    const indent = ctx.indent || (containsDocumentMarker(value) ? '  ' : '');
    const res = "'" + value.replace(/'/g, "''").replace(/\n+/g, `$&\n${indent}`) + "'";
    return ctx.implicitKey
        ? res
        : foldFlowLines.foldFlowLines(res, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function quotedString(value, ctx) {
    const { singleQuote } = ctx.options;
    let qs;
    if (singleQuote === false)
        qs = doubleQuotedString;
    else {
        const hasDouble = value.includes('"');
        const hasSingle = value.includes("'");
        if (hasDouble && !hasSingle)
            qs = singleQuotedString;
        else if (hasSingle && !hasDouble)
            qs = doubleQuotedString;
        else
            qs = singleQuote ? singleQuotedString : doubleQuotedString;
    }
    return qs(value, ctx);
}
// The negative lookbehind avoids a polynomial search,
// but isn't supported yet on Safari: https://caniuse.com/js-regexp-lookbehind
let blockEndNewlines;
try {
    blockEndNewlines = new RegExp('(^|(?<!\n))\n+(?!\n|$)', 'g');
}
catch {
    blockEndNewlines = /\n+(?!\n|$)/g;
}
function blockString({ comment, type, value }, ctx, onComment, onChompKeep) {
    const { blockQuote, commentString, lineWidth } = ctx.options;
    // 1. Block can't end in whitespace unless the last line is non-empty.
    // 2. Strings consisting of only whitespace are best rendered explicitly.
    if (!blockQuote || /\n[\t ]+$/.test(value)) {
        return quotedString(value, ctx);
    }
    const indent = ctx.indent ||
        (ctx.forceBlockIndent || containsDocumentMarker(value) ? '  ' : '');
    const literal = blockQuote === 'literal'
        ? true
        : blockQuote === 'folded' || type === Scalar.Scalar.BLOCK_FOLDED
            ? false
            : type === Scalar.Scalar.BLOCK_LITERAL
                ? true
                : !lineLengthOverLimit(value, lineWidth, indent.length);
    if (!value)
        return literal ? '|\n' : '>\n';
    // determine chomping from whitespace at value end
    let chomp;
    let endStart;
    for (endStart = value.length; endStart > 0; --endStart) {
        const ch = value[endStart - 1];
        if (ch !== '\n' && ch !== '\t' && ch !== ' ')
            break;
    }
    let end = value.substring(endStart);
    const endNlPos = end.indexOf('\n');
    if (endNlPos === -1) {
        chomp = '-'; // strip
    }
    else if (value === end || endNlPos !== end.length - 1) {
        chomp = '+'; // keep
        if (onChompKeep)
            onChompKeep();
    }
    else {
        chomp = ''; // clip
    }
    if (end) {
        value = value.slice(0, -end.length);
        if (end[end.length - 1] === '\n')
            end = end.slice(0, -1);
        end = end.replace(blockEndNewlines, `$&${indent}`);
    }
    // determine indent indicator from whitespace at value start
    let startWithSpace = false;
    let startEnd;
    let startNlPos = -1;
    for (startEnd = 0; startEnd < value.length; ++startEnd) {
        const ch = value[startEnd];
        if (ch === ' ')
            startWithSpace = true;
        else if (ch === '\n')
            startNlPos = startEnd;
        else
            break;
    }
    let start = value.substring(0, startNlPos < startEnd ? startNlPos + 1 : startEnd);
    if (start) {
        value = value.substring(start.length);
        start = start.replace(/\n+/g, `$&${indent}`);
    }
    const indentSize = indent ? '2' : '1'; // root is at -1
    // Leading | or > is added later
    let header = (startWithSpace ? indentSize : '') + chomp;
    if (comment) {
        header += ' ' + commentString(comment.replace(/ ?[\r\n]+/g, ' '));
        if (onComment)
            onComment();
    }
    if (!literal) {
        const foldedValue = value
            .replace(/\n+/g, '\n$&')
            .replace(/(?:^|\n)([\t ].*)(?:([\n\t ]*)\n(?![\n\t ]))?/g, '$1$2') // more-indented lines aren't folded
            //                ^ more-ind. ^ empty     ^ capture next empty lines only at end of indent
            .replace(/\n+/g, `$&${indent}`);
        let literalFallback = false;
        const foldOptions = getFoldOptions(ctx, true);
        if (blockQuote !== 'folded' && type !== Scalar.Scalar.BLOCK_FOLDED) {
            foldOptions.onOverflow = () => {
                literalFallback = true;
            };
        }
        const body = foldFlowLines.foldFlowLines(`${start}${foldedValue}${end}`, indent, foldFlowLines.FOLD_BLOCK, foldOptions);
        if (!literalFallback)
            return `>${header}\n${indent}${body}`;
    }
    value = value.replace(/\n+/g, `$&${indent}`);
    return `|${header}\n${indent}${start}${value}${end}`;
}
function plainString(item, ctx, onComment, onChompKeep) {
    const { type, value } = item;
    const { actualString, implicitKey, indent, indentStep, inFlow } = ctx;
    if ((implicitKey && value.includes('\n')) ||
        (inFlow && /[[\]{},]/.test(value))) {
        return quotedString(value, ctx);
    }
    if (/^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/.test(value)) {
        // not allowed:
        // - '-' or '?'
        // - start with an indicator character (except [?:-]) or /[?-] /
        // - '\n ', ': ' or ' \n' anywhere
        // - '#' not preceded by a non-space char
        // - end with ' ' or ':'
        return implicitKey || inFlow || !value.includes('\n')
            ? quotedString(value, ctx)
            : blockString(item, ctx, onComment, onChompKeep);
    }
    if (!implicitKey &&
        !inFlow &&
        type !== Scalar.Scalar.PLAIN &&
        value.includes('\n')) {
        // Where allowed & type not set explicitly, prefer block style for multiline strings
        return blockString(item, ctx, onComment, onChompKeep);
    }
    if (containsDocumentMarker(value)) {
        if (indent === '') {
            ctx.forceBlockIndent = true;
            return blockString(item, ctx, onComment, onChompKeep);
        }
        else if (implicitKey && indent === indentStep) {
            return quotedString(value, ctx);
        }
    }
    const str = value.replace(/\n+/g, `$&\n${indent}`);
    // Verify that output will be parsed as a string, as e.g. plain numbers and
    // booleans get parsed with those types in v1.2 (e.g. '42', 'true' & '0.9e-3'),
    // and others in v1.1.
    if (actualString) {
        const test = (tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test?.test(str);
        const { compat, tags } = ctx.doc.schema;
        if (tags.some(test) || compat?.some(test))
            return quotedString(value, ctx);
    }
    return implicitKey
        ? str
        : foldFlowLines.foldFlowLines(str, indent, foldFlowLines.FOLD_FLOW, getFoldOptions(ctx, false));
}
function stringifyString(item, ctx, onComment, onChompKeep) {
    const { implicitKey, inFlow } = ctx;
    const ss = typeof item.value === 'string'
        ? item
        : Object.assign({}, item, { value: String(item.value) });
    let { type } = item;
    if (type !== Scalar.Scalar.QUOTE_DOUBLE) {
        // force double quotes on control characters & unpaired surrogates
        if (/[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u.test(ss.value))
            type = Scalar.Scalar.QUOTE_DOUBLE;
    }
    const _stringify = (_type) => {
        switch (_type) {
            case Scalar.Scalar.BLOCK_FOLDED:
            case Scalar.Scalar.BLOCK_LITERAL:
                return implicitKey || inFlow
                    ? quotedString(ss.value, ctx) // blocks are not valid inside flow containers
                    : blockString(ss, ctx, onComment, onChompKeep);
            case Scalar.Scalar.QUOTE_DOUBLE:
                return doubleQuotedString(ss.value, ctx);
            case Scalar.Scalar.QUOTE_SINGLE:
                return singleQuotedString(ss.value, ctx);
            case Scalar.Scalar.PLAIN:
                return plainString(ss, ctx, onComment, onChompKeep);
            default:
                return null;
        }
    };
    let res = _stringify(type);
    if (res === null) {
        const { defaultKeyType, defaultStringType } = ctx.options;
        const t = (implicitKey && defaultKeyType) || defaultStringType;
        res = _stringify(t);
        if (res === null)
            throw new Error(`Unsupported default string type ${t}`);
    }
    return res;
}

exports.stringifyString = stringifyString;


/***/ }),

/***/ 204:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var identity = __nccwpck_require__(1127);

const BREAK = Symbol('break visit');
const SKIP = Symbol('skip children');
const REMOVE = Symbol('remove node');
/**
 * Apply a visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
function visit(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = visit_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        visit_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visit.BREAK = BREAK;
/** Do not visit the children of the current node */
visit.SKIP = SKIP;
/** Remove the current node */
visit.REMOVE = REMOVE;
function visit_(key, node, visitor, path) {
    const ctrl = callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visit_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = visit_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = visit_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = visit_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
/**
 * Apply an async visitor to an AST node or document.
 *
 * Walks through the tree (depth-first) starting from `node`, calling a
 * `visitor` function with three arguments:
 *   - `key`: For sequence values and map `Pair`, the node's index in the
 *     collection. Within a `Pair`, `'key'` or `'value'`, correspondingly.
 *     `null` for the root node.
 *   - `node`: The current node.
 *   - `path`: The ancestry of the current node.
 *
 * The return value of the visitor may be used to control the traversal:
 *   - `Promise`: Must resolve to one of the following values
 *   - `undefined` (default): Do nothing and continue
 *   - `visit.SKIP`: Do not visit the children of this node, continue with next
 *     sibling
 *   - `visit.BREAK`: Terminate traversal completely
 *   - `visit.REMOVE`: Remove the current node, then continue with the next one
 *   - `Node`: Replace the current node, then continue by visiting it
 *   - `number`: While iterating the items of a sequence or map, set the index
 *     of the next step. This is useful especially if the index of the current
 *     node has changed.
 *
 * If `visitor` is a single function, it will be called with all values
 * encountered in the tree, including e.g. `null` values. Alternatively,
 * separate visitor functions may be defined for each `Map`, `Pair`, `Seq`,
 * `Alias` and `Scalar` node. To define the same visitor function for more than
 * one node type, use the `Collection` (map and seq), `Value` (map, seq & scalar)
 * and `Node` (alias, map, seq & scalar) targets. Of all these, only the most
 * specific defined one will be used for each node.
 */
async function visitAsync(node, visitor) {
    const visitor_ = initVisitor(visitor);
    if (identity.isDocument(node)) {
        const cd = await visitAsync_(null, node.contents, visitor_, Object.freeze([node]));
        if (cd === REMOVE)
            node.contents = null;
    }
    else
        await visitAsync_(null, node, visitor_, Object.freeze([]));
}
// Without the `as symbol` casts, TS declares these in the `visit`
// namespace using `var`, but then complains about that because
// `unique symbol` must be `const`.
/** Terminate visit traversal completely */
visitAsync.BREAK = BREAK;
/** Do not visit the children of the current node */
visitAsync.SKIP = SKIP;
/** Remove the current node */
visitAsync.REMOVE = REMOVE;
async function visitAsync_(key, node, visitor, path) {
    const ctrl = await callVisitor(key, node, visitor, path);
    if (identity.isNode(ctrl) || identity.isPair(ctrl)) {
        replaceNode(key, path, ctrl);
        return visitAsync_(key, ctrl, visitor, path);
    }
    if (typeof ctrl !== 'symbol') {
        if (identity.isCollection(node)) {
            path = Object.freeze(path.concat(node));
            for (let i = 0; i < node.items.length; ++i) {
                const ci = await visitAsync_(i, node.items[i], visitor, path);
                if (typeof ci === 'number')
                    i = ci - 1;
                else if (ci === BREAK)
                    return BREAK;
                else if (ci === REMOVE) {
                    node.items.splice(i, 1);
                    i -= 1;
                }
            }
        }
        else if (identity.isPair(node)) {
            path = Object.freeze(path.concat(node));
            const ck = await visitAsync_('key', node.key, visitor, path);
            if (ck === BREAK)
                return BREAK;
            else if (ck === REMOVE)
                node.key = null;
            const cv = await visitAsync_('value', node.value, visitor, path);
            if (cv === BREAK)
                return BREAK;
            else if (cv === REMOVE)
                node.value = null;
        }
    }
    return ctrl;
}
function initVisitor(visitor) {
    if (typeof visitor === 'object' &&
        (visitor.Collection || visitor.Node || visitor.Value)) {
        return Object.assign({
            Alias: visitor.Node,
            Map: visitor.Node,
            Scalar: visitor.Node,
            Seq: visitor.Node
        }, visitor.Value && {
            Map: visitor.Value,
            Scalar: visitor.Value,
            Seq: visitor.Value
        }, visitor.Collection && {
            Map: visitor.Collection,
            Seq: visitor.Collection
        }, visitor);
    }
    return visitor;
}
function callVisitor(key, node, visitor, path) {
    if (typeof visitor === 'function')
        return visitor(key, node, path);
    if (identity.isMap(node))
        return visitor.Map?.(key, node, path);
    if (identity.isSeq(node))
        return visitor.Seq?.(key, node, path);
    if (identity.isPair(node))
        return visitor.Pair?.(key, node, path);
    if (identity.isScalar(node))
        return visitor.Scalar?.(key, node, path);
    if (identity.isAlias(node))
        return visitor.Alias?.(key, node, path);
    return undefined;
}
function replaceNode(key, path, node) {
    const parent = path[path.length - 1];
    if (identity.isCollection(parent)) {
        parent.items[key] = node;
    }
    else if (identity.isPair(parent)) {
        if (key === 'key')
            parent.key = node;
        else
            parent.value = node;
    }
    else if (identity.isDocument(parent)) {
        parent.contents = node;
    }
    else {
        const pt = identity.isAlias(parent) ? 'alias' : 'scalar';
        throw new Error(`Cannot replace node with ${pt} parent`);
    }
}

exports.visit = visit;
exports.visitAsync = visitAsync;


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(486);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
