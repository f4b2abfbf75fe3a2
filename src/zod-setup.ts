import { z } from 'zod';

// MV3 extension pages forbid 'unsafe-eval'; jitless stops zod from compiling parsers with new Function.
z.config({ jitless: true });
