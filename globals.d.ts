/** Replaced at build time: true only in the development build (local fake CI). */
declare const __CIT_DEV__: boolean;
