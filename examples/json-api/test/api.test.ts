// The items contract through the test client and through supertest, then both again under validate().
import { validate } from '@flagon/gateway';
import { describeItemsContract } from './contract.js';
import { viaSupertest, viaTestClient } from './http-call.js';

describeItemsContract('through the test client', viaTestClient);
describeItemsContract('through supertest(toNodeHandler(app))', viaSupertest);
describeItemsContract('through the test client, under validate()', viaTestClient, validate);
describeItemsContract('through supertest, under validate()', viaSupertest, validate);
